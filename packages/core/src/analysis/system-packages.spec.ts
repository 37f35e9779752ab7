import { lines } from '../testing/rule-tester';
import { model } from '../testing/model';
import { creationsOf } from './creations';
import { packageCommandOf, rpmFlavourOf, systemPackageRemovalPaths, writesPackageCache } from './system-packages';

async function runs(text: string) {
  return (await model(text)).instructions.filter((i) => i.keyword === 'RUN');
}

async function firstCommand(script: string) {
  const [run] = await runs(lines('FROM scratch', `RUN ${script}`));
  return run.run!.script!.commands[0];
}

describe('packageCommandOf / writesPackageCache', () => {
  it.each([
    ['apk add curl', true],
    ['apk --no-cache add curl', false],
    ['apk add --no-cache curl', false],
    ['apk del --no-network .deps', false],
    ['apk info', false],
    ['yum -y --setopt=tsflags=nodocs install httpd', true],
    ['yum -C install httpd', false],
    ['dnf list installed', false],
    ['dnf --setopt keepcache=0 install x', true],
    ['dnf group install -y "Development Tools"', true],
    ['dnf clean all', false],
    ['microdnf --nodocs install -y git', true],
    ['zypper --non-interactive --gpg-auto-import-keys ref', true],
    ['zypper -n rm vim', false],
    ['dnf5 makecache', true],
  ])('%s → %s', async (script, expected) => {
    const pkg = packageCommandOf(await firstCommand(script));
    expect(pkg && writesPackageCache(pkg)).toBe(expected);
  });
});

describe('systemPackageRemovalPaths', () => {
  it.each([
    ['yum clean all', ['/var/cache/yum/*', '/var/cache/dnf/*', '/var/cache/libdnf5/*']],
    ['dnf clean all', ['/var/cache/dnf/*', '/var/cache/libdnf5/*']],
    ['dnf5 clean all', ['/var/cache/libdnf5/*']],
    ['microdnf clean all', ['/var/cache/yum/*']],
    ['dnf --setopt=cachedir=/opt/c clean all', ['/opt/c/*']],
    ['zypper clean -a', ['/var/cache/zypp/*']],
    ['zypper cc --all', ['/var/cache/zypp/*']],
    ['zypper clean', null],
    ['yum clean packages', null],
    ['apk cache clean', null],
    ['rm -rf /var/cache/yum', null],
  ])('%s', async (script, expected) => {
    expect(systemPackageRemovalPaths(await firstCommand(script))).toEqual(expected);
  });
});

describe('rpmFlavourOf', () => {
  it.each([
    ['centos:7', 'yum3'],
    ['centos:centos7.9.2009', 'yum3'],
    ['quay.io/centos/centos:stream9', 'dnf4'],
    ['amazonlinux:2', 'yum3'],
    ['amazonlinux:2023', 'dnf4'],
    ['oraclelinux:8-slim', 'dnf4'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'dnf4'],
    ['rockylinux/rockylinux:9', 'dnf4'],
    ['fedora:40', 'dnf4'],
    ['registry.fedoraproject.org/fedora:42', 'dnf5'],
    ['example.com/base:7', null],
    ['centos:${VERSION}', null],
  ])('%s → %s', async (image, expected) => {
    const m = await model(lines(`FROM ${image}`, 'RUN true'));
    expect(rpmFlavourOf(m.stages[0])).toBe(expected);
  });

  it('follows FROM <stage> to the registry image', async () => {
    const m = await model(lines('FROM centos:7 AS base', 'FROM base', 'RUN true'));
    expect(rpmFlavourOf(m.stages[1])).toBe('yum3');
  });
});

describe('creations for cross-layer-delete', () => {
  const paths = async (text: string) => (await runs(text)).map((run) => creationsOf(run).map((c) => `${c.by}: ${c.path}`));

  it('reports the cache an install leaves', async () => {
    expect(await paths(lines('FROM centos:7', 'RUN yum install -y httpd'))).toEqual([['yum install: /var/cache/yum/metadata']]);
    expect(await paths(lines('FROM alpine:3.20', 'RUN apk add curl'))).toEqual([['apk add: /var/cache/apk/APKINDEX.tar.gz']]);
    expect(await paths(lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl'))).toEqual([['zypper in: /var/cache/zypp/raw']]);
  });

  it('lists every candidate directory on an unknown image', async () => {
    expect(await paths(lines('FROM example.com/base', 'RUN dnf install -y git'))).toEqual([['dnf install: /var/cache/dnf/metadata', 'dnf install: /var/cache/libdnf5/metadata']]);
  });

  it('leaves nothing when a flag, a mount, an rm or the tool\'s own clean keeps the cache out', async () => {
    expect(
      await paths(
        lines(
          'FROM centos:7',
          'RUN yum install -y a && yum clean all',
          'RUN yum install -y b && rm -rf /var/cache/yum',
          'RUN --mount=type=cache,target=/var/cache/yum yum install -y c',
          'RUN yum -C install -y d',
        ),
      ),
    ).toEqual([[], [], [], []]);
  });

  it('still reports the cache when the clean may not run', async () => {
    expect(await paths(lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl || zypper clean -a'))).toEqual([['zypper in: /var/cache/zypp/raw']]);
  });
});
