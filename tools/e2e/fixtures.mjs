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

// ---------------------------------------------------------------------------------------------
// Robustness: three projects whose Dockerfile cannot be linted, added late in the scenario. Each
// must fail its own docker-lint task with file:line, and nothing else (project graph, other tasks).

/** Projects, the Dockerfile path and the stylish lines their task must print (path, then line:col). */
export const ROBUSTNESS_EXPECTATIONS = {
  'bad-parse': { file: 'apps/bad-parse/Dockerfile', report: /apps\/bad-parse\/Dockerfile\n\s+3:1\s+error\s+unknown instruction FOO/ },
  unreadable: { file: 'apps/unreadable/Dockerfile', report: /apps\/unreadable\/Dockerfile\n\s+1:1\s+error\s+cannot be read: (permission denied|too many levels of symbolic links)/ },
  huge: { file: 'apps/huge/Dockerfile', report: /apps\/huge\/Dockerfile\n\s+1:1\s+error\s+is 50\.0 MiB, larger than the 8\.0 MiB limit for a Dockerfile/ },
};

/**
 * Writes the three projects into the workspace `ws` with the given fs functions. The 50 MB file is
 * sparse (truncated to size, never written). A mode-000 file is unreadable only to a non-root user;
 * as root the Dockerfile is a symlink to itself instead, which no user can read.
 */
export function writeRobustnessProjects(ws, { mkdirSync, writeFileSync, chmodSync, symlinkSync, truncateSync }) {
  for (const name of Object.keys(ROBUSTNESS_EXPECTATIONS)) {
    mkdirSync(`${ws}/apps/${name}`, { recursive: true });
    writeFileSync(`${ws}/apps/${name}/project.json`, JSON.stringify({ name }));
  }
  writeFileSync(`${ws}/apps/bad-parse/Dockerfile`, 'FROM alpine\nRUN echo fine\nFOO bar\n');
  if (process.getuid?.() === 0) {
    symlinkSync('Dockerfile', `${ws}/apps/unreadable/Dockerfile`);
    // Inference does not see a symlink that leads nowhere, so this project names its Dockerfile.
    writeFileSync(`${ws}/apps/unreadable/project.json`, JSON.stringify({ name: 'unreadable', targets: { 'docker-lint': { executor: '@layerlint/nx:lint', options: { dockerfiles: ['Dockerfile'] } } } }));
  } else {
    writeFileSync(`${ws}/apps/unreadable/Dockerfile`, 'FROM alpine\n');
    chmodSync(`${ws}/apps/unreadable/Dockerfile`, 0o000);
  }
  writeFileSync(`${ws}/apps/huge/Dockerfile`, '');
  truncateSync(`${ws}/apps/huge/Dockerfile`, 50 * 1024 * 1024);
}
