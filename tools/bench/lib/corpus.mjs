// Workloads: the real-world corpus and deterministic generated Dockerfiles, laid out as
// `<dir>/<nnnnn>/Dockerfile` so every tool (which find Dockerfiles by name) lints the same files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Corpus files that a peer cannot lint at all, left out of the real-world workload for every tool
 * so that all tools lint the same files (layerlint lints all of them):
 * - tally 0.45 stops the whole run (exit 2) on a BuildKit parse error: BuildKit's own parser test
 *   files and a `\  # comment` line continuation;
 * - dockerfilelint 1.8 crashes (TypeError in is_valid_healthcheck) on some HEALTHCHECK forms.
 */
export const REALWORLD_EXCLUDED = [
  // tally
  'floydhub__dockerfiles/dl__dl-base__3.2.0__Dockerfile-py2.gpu',
  'moby__buildkit/frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile',
  'moby__buildkit/frontend__dockerfile__parser__testfiles__flags__Dockerfile',
  'moby__buildkit/frontend__dockerfile__parser__testfiles__health__Dockerfile', // and dockerfilelint
  // dockerfilelint
  'vimagick__dockerfiles/ggr-ui__Dockerfile',
  'vimagick__dockerfiles/ggr__Dockerfile',
  'vimagick__dockerfiles/superset__arm__Dockerfile',
  'dockersamples__atsea-sample-shop-app/windows__docker__api__Dockerfile',
  'dockersamples__atsea-sample-shop-app/windows__docker__database__Dockerfile',
];

/** Files listed in MANIFEST.tsv (column local_file) of the real-world corpus, as absolute paths. */
export function realworldFiles(corpus, { excluded = REALWORLD_EXCLUDED } = {}) {
  const manifest = join(corpus, 'MANIFEST.tsv');
  if (!existsSync(manifest)) throw new Error(`corpus absent: ${corpus} (expected a directory with MANIFEST.tsv); pass --corpus DIR`);
  const [header, ...rows] = readFileSync(manifest, 'utf8').split('\n').filter((l) => l.trim());
  const col = header.split('\t').indexOf('local_file');
  if (col === -1) throw new Error(`${manifest}: no local_file column`);
  const skip = new Set(excluded);
  return rows.map((r) => r.split('\t')[col]).filter((f) => !skip.has(f)).map((f) => join(corpus, f));
}

/** Writes texts as `<dir>/<nnnnn>/Dockerfile`; returns the relative paths (cwd = dir). */
export function layOut(dir, texts) {
  const rel = [];
  texts.forEach((text, i) => {
    const sub = String(i).padStart(5, '0');
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, 'Dockerfile'), text);
    rel.push(`${sub}/Dockerfile`);
  });
  return rel;
}

/** Small deterministic PRNG (mulberry32), so generated corpora are the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEBIAN = ['debian:bookworm', 'debian:bookworm-slim', 'ubuntu:22.04', 'ubuntu:24.04', 'python:3.12-slim', 'node:20-bookworm'];
const APT_PKGS = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'gnupg', 'unzip', 'wget', 'jq', 'openssh-client', 'libssl-dev', 'pkg-config', 'xz-utils', 'locales', 'tzdata'];
const PIP_PKGS = ['requests', 'flask==3.0.3', 'gunicorn', 'numpy', 'pandas', 'django>=4.2', 'celery[redis]', 'boto3', 'psycopg2-binary', 'pyyaml'];
const APK_PKGS = ['curl', 'bash', 'git', 'openssl', 'tini', 'su-exec', 'ca-certificates', 'tzdata'];
const NPM_PKGS = ['typescript', 'pm2', 'serve', 'yarn', '@angular/cli', 'nodemon'];
const TOOLS = [
  ['https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64.tar.gz', 'tini'],
  ['https://dl.google.com/go/go1.22.5.linux-amd64.tar.gz', 'go'],
  ['https://github.com/helm/helm/releases/download/v3.15.2/helm-v3.15.2-linux-amd64.tar.gz', 'helm'],
  ['https://releases.hashicorp.com/terraform/1.9.0/terraform_1.9.0_linux_amd64.zip', 'terraform'],
];

const pick = (r, list) => list[Math.floor(r() * list.length)];
const some = (r, list, min, max) => {
  const n = min + Math.floor(r() * (max - min + 1));
  const copy = [...list];
  const out = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]);
  return out;
};

/**
 * One corpus-like Dockerfile. Most have findings with safe fixes (apt lists left in the layer, pip
 * and npm caches, apk without --no-cache, yum without clean, a downloaded archive left behind, a
 * cleanup in a later layer); about one in six is already clean.
 */
export function generateDockerfile(index, seed = 8) {
  const r = rng(seed * 100_003 + index);
  const kind = Math.floor(r() * 6);
  const lines = [`# generated benchmark Dockerfile ${index}`];
  const app = ['WORKDIR /app', 'COPY . /app', `EXPOSE ${3000 + Math.floor(r() * 5000)}`];
  if (kind === 0 || kind === 1) {
    lines.push(`FROM ${pick(r, DEBIAN)}`, 'ENV DEBIAN_FRONTEND=noninteractive');
    const pkgs = some(r, APT_PKGS, 2, 7).join(' \\\n      ');
    if (kind === 0) lines.push(`RUN apt-get update && apt-get install -y --no-install-recommends \\\n      ${pkgs}`);
    else lines.push(`RUN apt-get update \\\n && apt-get install -y ${pkgs} \\\n && rm -rf /var/lib/apt/lists/*`);
    if (r() < 0.5) lines.push(`RUN pip install ${some(r, PIP_PKGS, 1, 4).join(' ')}`);
    if (r() < 0.4) {
      const [url, name] = pick(r, TOOLS);
      const file = url.slice(url.lastIndexOf('/') + 1);
      const unpack = file.endsWith('.zip') ? `unzip /tmp/${file} -d /usr/local/bin` : `tar -xzf /tmp/${file} -C /usr/local`;
      lines.push(`RUN curl -fsSL -o /tmp/${file} ${url} \\\n && ${unpack}`);
      lines.push(`# ${name}`);
    }
    lines.push(...app, 'CMD ["python3", "-m", "http.server"]');
  } else if (kind === 2) {
    lines.push(`FROM python:3.${10 + Math.floor(r() * 3)}-slim`, 'WORKDIR /srv');
    lines.push('COPY requirements.txt .', 'RUN pip install -r requirements.txt');
    lines.push(`RUN pip install --upgrade pip ${some(r, PIP_PKGS, 1, 3).join(' ')}`);
    lines.push('COPY . .', 'USER nobody', 'CMD ["gunicorn", "app:app"]');
  } else if (kind === 3) {
    lines.push(`FROM alpine:3.${18 + Math.floor(r() * 3)}`);
    lines.push(`RUN apk update && apk add ${some(r, APK_PKGS, 2, 5).join(' ')}`);
    if (r() < 0.5) lines.push('RUN wget -q -O /tmp/app.tar.gz https://example.com/app.tar.gz && tar -xzf /tmp/app.tar.gz -C /opt');
    lines.push('ENTRYPOINT ["/sbin/tini", "--"]', 'CMD ["sh"]');
  } else if (kind === 4) {
    lines.push(`FROM node:${18 + 2 * Math.floor(r() * 3)} AS build`, 'WORKDIR /app', 'COPY package*.json ./');
    lines.push('RUN npm install', `RUN npm install -g ${some(r, NPM_PKGS, 1, 2).join(' ')}`, 'COPY . .', 'RUN npm run build');
    lines.push('', `FROM ${r() < 0.5 ? 'nginx:1.27-alpine' : 'centos:7'}`);
    lines.push(r() < 0.5 ? 'RUN yum install -y epel-release && yum install -y nginx' : 'RUN apk add --no-cache curl');
    lines.push('COPY --from=build /app/dist /usr/share/nginx/html', 'CMD ["nginx", "-g", "daemon off;"]');
  } else {
    // Clean: nothing to fix (a realistic share of files has no finding).
    lines.push(`FROM ${pick(r, DEBIAN)}`);
    lines.push(`RUN apt-get update \\\n && apt-get install -y --no-install-recommends ${some(r, APT_PKGS, 1, 4).join(' ')} \\\n && rm -rf /var/lib/apt/lists/*`);
    lines.push(...app, 'CMD ["bash"]');
  }
  return `${lines.join('\n')}\n`;
}

export function generateDockerfiles(count, seed = 8) {
  return Array.from({ length: count }, (_, i) => generateDockerfile(i, seed));
}
