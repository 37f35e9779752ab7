import { createLinter } from '../linter';
import { lines } from '../testing/rule-tester';
import { model } from '../testing/model';
import { creationsOf } from './creations';
import { isBerry, jsPhpRemovalPaths, yarnInstallOf } from './js-php-caches';

async function runs(text: string) {
  return (await model(text)).instructions.filter((i) => i.keyword === 'RUN');
}

async function lastCommand(script: string) {
  const all = await runs(lines('FROM scratch', `RUN ${script}`));
  const commands = all[0].run!.script!.commands;
  return commands[commands.length - 1];
}

describe('jsPhpRemovalPaths', () => {
  it.each([
    ['npm cache clean --force', '/root', ['/root/.npm/_cacache']],
    ['npm cache clear -f', '/root', ['/root/.npm/_cacache']],
    ['npm cache clean', '/root', null],
    ['npm cache clean --force some-key', '/root', null],
    ['npm cache clean --force --cache /c', '/root', ['/c/_cacache']],
    ['yarn cache clean', '/root', ['/usr/local/share/.cache/yarn/*', '/root/.yarn/berry/cache/*']],
    ['yarn cache clean lodash', '/root', null],
    ['yarn cache dir', '/root', null],
    ['pnpm store prune', '/root', ['/root/.local/share/pnpm/store/*']],
    ['composer clear-cache', '/root', ['/root/.cache/composer/*', '/root/.composer/cache/*']],
    ['composer clear-cache --gc', '/root', null],
    ['COMPOSER_HOME=/tmp composer cc', '/root', ['/tmp/cache/*']],
    ['npm cache clean --force', null, []],
    ['rm -rf /root/.npm', '/root', null],
  ])('%s (HOME %s) → %j', async (script, home, expected) => {
    expect(jsPhpRemovalPaths(await lastCommand(script), home)).toEqual(expected);
  });
});

describe('creations for cross-layer-delete', () => {
  it.each([
    ['npm ci', ['/root/.npm/_cacache']],
    ['npm ci && rm -rf /root/.npm', []],
    ['npm ci --cache /tmp/n', ['/tmp/n/_cacache']],
    ['yarn install', ['/usr/local/share/.cache/yarn/v6']],
    ['pnpm install', ['/root/.local/share/pnpm/store/v10']],
    ['composer install', ['/root/.cache/composer/files', '/root/.composer/cache/files']],
    ['composer install --no-cache', []],
    ['npm run build', []],
  ])('USER root, %s → %j', async (script, expected) => {
    const [run] = await runs(lines('FROM node:20', 'USER root', `RUN ${script}`));
    expect(creationsOf(run).map((c) => c.path)).toEqual(expected);
  });

  it('leaves nothing when the HOME is unknown', async () => {
    const [run] = await runs(lines('FROM node:20', 'RUN npm ci'));
    expect(creationsOf(run)).toEqual([]);
  });

  it('cross-layer-delete sees a cache removed one RUN too late', async () => {
    const linter = await createLinter();
    const result = linter.lintText(lines('FROM node:20', 'USER root', 'RUN npm ci', 'RUN npm cache clean --force && rm -rf /root/.npm'), { filePath: 'Dockerfile' });
    // Both commands of the later RUN delete the cache: the tool's own clean and the rm.
    expect(result.findings.filter((f) => f.ruleId === 'cross-layer-delete').map((f) => f.line)).toEqual([4, 4]);
  });
});

describe('isBerry', () => {
  it.each([
    ['yarn install', false],
    ['yarn install --immutable', true],
    ['corepack enable && yarn install', true],
    ['corepack enable && yarn install --frozen-lockfile', false],
    ['corepack prepare yarn@1.22.22 --activate && yarn install', false],
    ['corepack prepare yarn@4.5.0 --activate && yarn install', true],
    ['yarn set version stable && yarn install', true],
    ['yarn set version classic && yarn install', false],
    ['yarn workspaces focus --production', true],
  ])('%s → %s', async (script, expected) => {
    const [run] = await runs(lines('FROM node:20', `RUN ${script}`));
    const commands = run.run!.script!.commands;
    const use = yarnInstallOf(commands[commands.length - 1])!;
    expect(isBerry(use, run)).toBe(expected);
  });

  it('reads a copied .yarnrc.yml in the stage', async () => {
    const [run] = await runs(lines('FROM node:20', 'COPY package.json yarn.lock .yarnrc.yml ./', 'RUN yarn install'));
    expect(isBerry(yarnInstallOf(run.run!.script!.commands[0])!, run)).toBe(true);
  });
});
