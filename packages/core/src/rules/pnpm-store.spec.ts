import { lines, testRule } from '../testing/rule-tester';
import { pnpmStore } from './pnpm-store';

testRule(pnpmStore, {
  valid: [
    { name: 'install then pnpm store prune', code: lines('FROM node:20', 'RUN pnpm install --frozen-lockfile && pnpm store prune') },
    {
      name: 'the pnpm Docker recipe: PNPM_HOME and a cache mount on its store',
      code: lines('FROM node:20', 'ENV PNPM_HOME="/pnpm"', 'RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --prod --frozen-lockfile'),
    },
    { name: 'root\'s default store under a cache mount', code: lines('FROM node:20', 'USER root', 'RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install') },
    { name: 'removing the store for an unknown user', code: lines('FROM node:20', 'RUN pnpm add -g serve && rm -rf ~/.local/share/pnpm/store') },
    { name: 'npm_config_store_dir relocates the store under a tmpfs', code: lines('FROM node:20', 'ENV npm_config_store_dir=/tmp/store', 'RUN --mount=type=tmpfs,target=/tmp pnpm install') },
    { name: '--store-dir removed with rm -fr and a glob', code: lines('FROM node:20', 'RUN pnpm install --store-dir /opt/store && rm -fr /opt/store/*') },
    { name: 'XDG_DATA_HOME relocates the store', code: lines('FROM node:20', 'ENV XDG_DATA_HOME=/data', 'RUN pnpm install && rm -rf /data/pnpm/store') },
    { name: 'a builder stage that is only copied from does not ship', code: lines('FROM node:20 AS build', 'RUN pnpm install && pnpm build', 'FROM nginx:1', 'COPY --from=build /app/dist /usr/share/nginx/html') },
    { name: 'pruning before and after', code: lines('FROM node:20', 'RUN pnpm store prune && pnpm install && pnpm store prune') },
    { name: 'heredoc with the prune', code: lines('FROM node:20', 'RUN <<EOF', 'pnpm install', 'pnpm store prune', 'EOF') },
    { name: 'pnpm commands that do not fetch', code: lines('FROM node:20', 'RUN pnpm build && pnpm run test && pnpm store path') },
    { name: 'an offline install only links from the store', code: lines('FROM node:20', 'RUN pnpm install --offline --prod') },
  ],
  invalid: [
    {
      name: 'pnpm install on one line',
      code: lines('FROM node:20', 'RUN pnpm install --frozen-lockfile'),
      errors: [{ line: 2, column: 5, message: /~\/\.local\/share\/pnpm\/store.*pnpm store prune/ }],
      output: lines('FROM node:20', 'RUN pnpm install --frozen-lockfile && pnpm store prune'),
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM node:20', 'RUN pnpm install && \\', '    pnpm build && \\', '    pnpm prune --prod'),
      errors: [{ line: 2 }],
      output: lines('FROM node:20', 'RUN pnpm install && \\', '    pnpm build && \\', '    pnpm prune --prod && \\', '    pnpm store prune'),
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM node:20', 'RUN pnpm fetch \\', '    && pnpm install -r --offline'),
      errors: [{ line: 2, message: /`pnpm fetch`/ }],
      output: lines('FROM node:20', 'RUN pnpm fetch \\', '    && pnpm install -r --offline \\', '    && pnpm store prune'),
    },
    {
      name: 'heredoc without set -e chains with &&',
      code: lines('FROM node:20', 'RUN <<EOF', 'pnpm add -g serve', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: lines('FROM node:20', 'RUN <<EOF', 'pnpm add -g serve && pnpm store prune', 'EOF'),
    },
    {
      name: 'heredoc under set -e gets its own line',
      code: lines('FROM node:20', 'RUN <<EOF', 'set -e', 'pnpm i', 'EOF'),
      errors: [{ line: 4 }],
      output: lines('FROM node:20', 'RUN <<EOF', 'set -e', 'pnpm i', 'pnpm store prune', 'EOF'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM node:20', 'RUN ["sh", "-c", "pnpm install"]'),
      errors: [{ line: 2, column: 19 }],
      output: lines('FROM node:20', 'RUN ["sh", "-c", "pnpm install && pnpm store prune"]'),
    },
    {
      name: 'PNPM_STORE_DIR is not a pnpm variable: the mount misses the real store',
      code: lines('FROM node:20', 'USER root', 'ENV PNPM_STORE_DIR=/pnpm/store', 'RUN --mount=type=cache,target=/pnpm/store pnpm install'),
      errors: [{ line: 4, message: /\/root\/\.local\/share\/pnpm\/store/ }],
      output: lines('FROM node:20', 'USER root', 'ENV PNPM_STORE_DIR=/pnpm/store', 'RUN --mount=type=cache,target=/pnpm/store pnpm install && pnpm store prune'),
    },
    {
      name: 'PNPM_HOME moves the store away from a mount on the default',
      code: lines('FROM node:20', 'ENV PNPM_HOME=/pnpm', 'RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install'),
      errors: [{ line: 3, message: /\(\/pnpm\/store\)/ }],
      output: lines('FROM node:20', 'ENV PNPM_HOME=/pnpm', 'RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install && pnpm store prune'),
    },
    {
      name: 'rm -rf of another path does not count',
      code: lines('FROM node:20', 'RUN pnpm install && rm -rf /tmp/*'),
      errors: [{ line: 2 }],
      output: lines('FROM node:20', 'RUN pnpm install && rm -rf /tmp/* && pnpm store prune'),
    },
    {
      name: 'prune only after ||',
      code: lines('FROM node:20', 'RUN pnpm install || pnpm store prune'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM node:20', 'RUN pnpm install || pnpm store prune && pnpm store prune'),
    },
    {
      name: 'prune before the last install',
      code: lines('FROM node:20', 'RUN pnpm install && pnpm store prune && pnpm add -g serve'),
      errors: [{ line: 2, column: 41, message: /before the last command/ }],
      output: lines('FROM node:20', 'RUN pnpm install && pnpm store prune && pnpm add -g serve && pnpm store prune'),
    },
    {
      name: 'prune inside an if the install is not in',
      code: lines('FROM node:20', 'RUN pnpm install && if [ -n "$CI" ]; then pnpm store prune; fi'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM node:20', 'RUN pnpm install && if [ -n "$CI" ]; then pnpm store prune; fi && pnpm store prune'),
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM node:20 AS base', 'RUN pnpm install', 'FROM base', 'CMD ["node", "."]'),
      errors: [{ line: 2 }],
      output: lines('FROM node:20 AS base', 'RUN pnpm install && pnpm store prune', 'FROM base', 'CMD ["node", "."]'),
    },
    {
      name: '--store-dir is named again in the prune',
      code: lines('FROM node:20', 'RUN pnpm install --store-dir /opt/store'),
      errors: [{ line: 2, message: /\/opt\/store/ }],
      output: lines('FROM node:20', 'RUN pnpm install --store-dir /opt/store && pnpm store prune --store-dir /opt/store'),
    },
    {
      name: 'pnpm fetch while a later RUN installs offline: reported, not fixed',
      code: lines('FROM node:20', 'RUN pnpm fetch --prod', 'COPY . .', 'RUN pnpm install -r --offline --prod'),
      errors: [{ line: 2, message: /No automatic fix: the RUN at line 4/ }],
      output: null,
    },
  ],
});
