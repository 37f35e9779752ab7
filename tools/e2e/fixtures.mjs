// The test workspace: an npm-workspaces Nx repo with one project per interesting case.
export const FIXTURES = {
  'package.json': JSON.stringify({ name: 'e2e-workspace', private: true, workspaces: ['apps/*', 'libs/*'] }, null, 2),
  'nx.json': JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json', defaultBase: 'main' }, null, 2),
  '.gitignore': 'node_modules\n.nx\nreports\n',

  // A package.json project with an autofixable violation (apt lists left in the layer) and a
  // clean second Dockerfile in a subdirectory, plus ordinary source.
  'apps/web/package.json': JSON.stringify({ name: 'web', version: '0.0.0', private: true }),
  'apps/web/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD ["curl", "--version"]\n',
  'apps/web/docker/Dockerfile.prod': 'FROM node:20-alpine\nWORKDIR /app\nCMD ["node", "main.js"]\n',
  'apps/web/src/main.ts': 'export const main = () => 1;\n',

  // A project.json project with a clean Containerfile and project-level option overrides.
  'apps/api/project.json': JSON.stringify({
    name: 'api',
    targets: { 'docker-lint': { options: { maxWarnings: 0, format: 'json', outputFile: 'reports/api-docker-lint.json' } } },
  }),
  'apps/api/Containerfile': 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',

  // A Dockerfile that cannot be read as text: `nx show projects` must still work.
  'apps/broken/project.json': JSON.stringify({ name: 'broken' }),
  'apps/broken/Dockerfile': 'FROM alpine\n\u0000\u0000\u0001\u0002 not text\n',

  // A library without Dockerfiles, and a Dockerfile outside every project.
  'libs/util/package.json': JSON.stringify({ name: 'util', version: '0.0.0', main: 'index.js' }),
  'libs/util/index.js': 'exports.util = 1;\n',
  'tools/orphan/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
};

/** True once the apt lists cleanup has been added to web's Dockerfile. */
export const WEB_DOCKERFILE_FIXED_CHECK = (text) => text.includes('/var/lib/apt/lists');
