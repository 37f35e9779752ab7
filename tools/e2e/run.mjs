#!/usr/bin/env node
// End-to-end proof for @layerlint/nx against real, published Nx: builds and packs
// @layerlint/core and @layerlint/nx, creates a fresh git workspace per Nx major in a temp dir,
// installs Nx from the npm registry plus the two tarballs, and drives the `nx` CLI.
//
//   node tools/e2e/run.mjs              # Nx ^24 (newest) and Nx 23.3.2
//   node tools/e2e/run.mjs --nx=24      # one major only
//   node tools/e2e/run.mjs --keep       # keep the temp directory for inspection
//
// Exit code 0 only when every check passed for every Nx version.
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startCacheServer } from './cache-server.mjs';
import { cleanEnv, expectExit, run, runAsync } from './exec.mjs';
import { FIXTURES, ROBUSTNESS_EXPECTATIONS, WEB_DOCKERFILE_FIXED_CHECK, writeRobustnessProjects } from './fixtures.mjs';
import { buildAndPack } from './pack.mjs';

const NX_LINES = {
  // "Newest Nx 24": the range is resolved by npm at install time.
  24: { nx: '^24.0.0', devkit: '^24.0.0' },
  // One older supported major, with its own devkit (our package brings devkit 24 along, nested).
  23: { nx: '23.3.2', devkit: '23.3.2' },
};

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const majors = (args.find((a) => a.startsWith('--nx='))?.slice(5) ?? '24,23').split(',').map(Number);

const base = mkdtempSync(join(tmpdir(), 'layerlint-e2e-'));
const servers = [];
const report = [];
let failed = false;

try {
  step('build and npm pack @layerlint/core and @layerlint/nx');
  const tarballs = buildAndPack(join(base, 'tarballs'));
  for (const major of majors) {
    const started = Date.now();
    try {
      await scenario(major, tarballs);
      report.push(`Nx ${major}: all checks passed (${seconds(Date.now() - started)})`);
    } catch (error) {
      failed = true;
      report.push(`Nx ${major}: FAILED after ${seconds(Date.now() - started)}\n${error.stack ?? error}`);
    }
  }
} catch (error) {
  failed = true;
  report.push(`setup FAILED\n${error.stack ?? error}`);
} finally {
  for (const server of servers) await server.close();
  if (keep) console.log(`kept ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
console.log(`\n${report.join('\n')}`);
process.exit(failed ? 1 : 0);

// ---------------------------------------------------------------------------------------------

async function scenario(major, tarballs) {
  const versions = NX_LINES[major];
  if (!versions) throw new Error(`No Nx line configured for major ${major}`);
  const ws = join(base, `ws-nx${major}`);
  const localCache = join(base, `cache-nx${major}`);
  const nxEnv = (extra = {}) =>
    cleanEnv({
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      CI: 'true',
      FORCE_COLOR: '0',
      NX_CACHE_DIRECTORY: localCache,
      ...extra,
    });
  const nxBin = join(ws, 'node_modules', '.bin', 'nx');
  const nx = (cmdArgs, expected, extraEnv) => {
    const result = expected === undefined ? run(nxBin, cmdArgs, { cwd: ws, env: nxEnv(extraEnv) }) : expectExit(expected, nxBin, cmdArgs, { cwd: ws, env: nxEnv(extraEnv) });
    console.log(`    nx ${cmdArgs.join(' ')} -> exit ${result.code} (${seconds(result.ms)})`);
    return result;
  };
  const nxAsync = async (cmdArgs, expected, extraEnv) => {
    const result = await runAsync(nxBin, cmdArgs, { cwd: ws, env: nxEnv(extraEnv) });
    console.log(`    nx ${cmdArgs.join(' ')} -> exit ${result.code} (${seconds(result.ms)})`);
    if (result.code !== expected) throw new Error(`Expected exit ${expected} from nx ${cmdArgs.join(' ')}, got ${result.code}:\n${result.output}`);
    return result;
  };
  const git = (...gitArgs) => expectExit(0, 'git', gitArgs, { cwd: ws, env: cleanEnv() });
  const read = (path) => readFileSync(join(ws, path), 'utf-8');
  const check = (name, condition, details = '') => {
    if (!condition) throw new Error(`check failed: ${name}\n${details}`);
    console.log(`  ok  ${name}`);
  };

  step(`Nx ${major}: create workspace ${ws}`);
  mkdirSync(ws, { recursive: true });
  for (const [path, content] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(ws, path)), { recursive: true });
    writeFileSync(join(ws, path), content);
  }
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'e2e@example.invalid');
  git('config', 'user.name', 'layerlint e2e');
  git('config', 'commit.gpgsign', 'false');
  const install = expectExit(
    0,
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--save-dev', `nx@${versions.nx}`, `@nx/devkit@${versions.devkit}`, tarballs.core],
    { cwd: ws, env: cleanEnv(), timeoutMs: 300_000 },
  );
  console.log(`    npm install (${seconds(install.ms)})`);
  const nxVersion = JSON.parse(read('node_modules/nx/package.json')).version;
  console.log(`    installed nx ${nxVersion}`);
  git('add', '-A');
  git('commit', '-qm', 'workspace');

  step(`Nx ${nxVersion}: nx add, then init again`);
  nx(['add', `@layerlint/nx@file:${tarballs.nx}`], 0);
  nx(['g', '@layerlint/nx:init', '--enforceFixesInSync', '--no-interactive'], 0);
  const nxJson = JSON.parse(read('nx.json'));
  const registrations = (nxJson.plugins ?? []).filter((p) => String(typeof p === 'string' ? p : p.plugin).startsWith('@layerlint/nx'));
  check('nx add + init leave exactly one plugin registration', registrations.length === 1, JSON.stringify(nxJson, null, 2));
  check('init registered the sync generator once', JSON.stringify(nxJson.sync?.globalGenerators) === '["@layerlint/nx:sync"]');
  check('the installed tarball stays in devDependencies', JSON.parse(read('package.json')).devDependencies['@layerlint/nx']?.startsWith('file:'));
  git('add', '-A');
  git('commit', '-qm', 'add @layerlint/nx');

  step(`Nx ${nxVersion}: inferred targets`);
  const web = JSON.parse(nx(['show', 'project', 'web', '--json'], 0).output);
  const target = web.targets?.['docker-lint'];
  check('web has a docker-lint target run by the batch executor', target?.executor === '@layerlint/nx:lint', JSON.stringify(web.targets, null, 2));
  check('docker-lint is cached', target.cache === true);
  check(
    'inputs are exactly the Dockerfiles, the applicable configs and the tool packages',
    JSON.stringify(target.inputs) ===
      JSON.stringify([
        '{projectRoot}/Dockerfile',
        '{projectRoot}/docker/Dockerfile.prod',
        '{workspaceRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}',
        '{workspaceRoot}/apps/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}',
        '{projectRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}',
        '{projectRoot}/docker/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}',
        { externalDependencies: ['@layerlint/core', '@layerlint/nx'] },
      ]),
    JSON.stringify(target.inputs, null, 2),
  );
  check('outputs are the report files', JSON.stringify(target.outputs) === JSON.stringify(['{options.outputFile}', ...[0, 1, 2, 3, 4].map((i) => `{options.formats.${i}.outputFile}`)]));
  check('metadata marks the docker technology with help', target.metadata?.technologies?.includes('docker') && !!target.metadata?.help?.command);
  check('the project groups docker-lint with Docker targets', web.metadata?.targetGroups?.Docker?.includes('docker-lint'));

  const graphFile = join(base, `graph-nx${major}.json`);
  nx(['graph', `--file=${graphFile}`], 0);
  const nodes = JSON.parse(readFileSync(graphFile, 'utf-8')).graph.nodes;
  check('no project was created for the orphan Dockerfile or the workspace root', JSON.stringify(Object.keys(nodes).sort()) === '["api","broken","util","web"]', Object.keys(nodes).join(', '));
  check('a project without Dockerfiles gets no target', !nodes.util.data.targets?.['docker-lint']);
  const apiOptions = nodes.api.data.targets['docker-lint'].options;
  check('project.json options override the inferred ones', apiOptions.maxWarnings === 0 && apiOptions.dockerfiles?.[0] === 'Containerfile' && apiOptions.outputFile === 'reports/api-docker-lint.json', JSON.stringify(apiOptions));

  step(`Nx ${nxVersion}: a violation fails with file:line; a broken Dockerfile fails only its task`);
  const failing = nx(['run-many', '-t', 'docker-lint', '--outputStyle=static'], 1);
  check('the web task reports the finding with its line', /apps\/web\/Dockerfile[\s\S]*?\b\d+:\d+\b/.test(failing.output), failing.output);
  check('the broken Dockerfile is reported by its task', /apps\/broken\/Dockerfile/.test(failing.output) && /broken: 1 Dockerfile\(s\) linted.*could not be linted/.test(failing.output), failing.output);
  check('the clean project passes in the same run', /api: 1 Dockerfile\(s\) linted, 0 error\(s\)/.test(failing.output), failing.output);
  check('the report file was written', existsSync(join(ws, 'reports/api-docker-lint.json')));
  rmSync(join(ws, 'apps/broken'), { recursive: true });

  step(`Nx ${nxVersion}: sync:check, fix --dry-run, fix`);
  const outOfSync = nx(['sync:check'], 1);
  check('sync:check fails while autofixable findings exist', outOfSync.output.includes('apps/web/Dockerfile'), outOfSync.output);
  const before = read('apps/web/Dockerfile');
  const dry = nx(['g', '@layerlint/nx:fix', '--dry-run', '--no-interactive'], 0);
  check('fix --dry-run changes nothing on disk', read('apps/web/Dockerfile') === before);
  check('fix --dry-run shows the planned update', /UPDATE apps\/web\/Dockerfile/.test(dry.output), dry.output);
  const fixed = nx(['g', '@layerlint/nx:fix', '--no-interactive'], 0);
  check('fix rewrote the Dockerfile', read('apps/web/Dockerfile') !== before && WEB_DOCKERFILE_FIXED_CHECK(read('apps/web/Dockerfile')), read('apps/web/Dockerfile'));
  check('fix prints files changed per rule and the findings it left', /Files changed per rule:/.test(fixed.output) && /Findings left without an automatic fix: \d+/.test(fixed.output), fixed.output);
  const again = nx(['g', '@layerlint/nx:fix', '--no-interactive'], 0);
  check('fix is idempotent', /layerlint fix: 0 of \d+ Dockerfile\(s\) changed/.test(again.output), again.output);
  nx(['sync:check'], 0);
  check('sync:check passes after the fix', true);

  step(`Nx ${nxVersion}: lint passes, then replays from the local cache`);
  const passing = nx(['run-many', '-t', 'docker-lint', '--outputStyle=static'], 0);
  const cached = nx(['run-many', '-t', 'docker-lint', '--outputStyle=static'], 0);
  const cacheLine = /read the output from the cache instead of running the command for (\d+) out of (\d+) tasks/.exec(cached.output);
  check('the second clean run is served entirely from cache', cacheLine && cacheLine[1] === cacheLine[2] && cacheLine[1] === '2', cached.output);
  check('the cached run replays the lint summary', /web: 2 Dockerfile\(s\) linted/.test(cached.output), cached.output);
  check('the first clean run really linted', /web: 2 Dockerfile\(s\) linted/.test(passing.output));

  step(`Nx ${nxVersion}: affected`);
  git('add', '-A');
  git('commit', '-qm', 'fixed');
  appendFileSync(join(ws, 'apps/web/docker/Dockerfile.prod'), '\n# touched by e2e\n');
  const affected = nx(['affected', '-t', 'docker-lint', '--base=HEAD', '--outputStyle=static'], undefined);
  const ran = tasksRun(affected.output);
  check('editing one Dockerfile runs exactly that project\'s task', JSON.stringify(ran) === '["web:docker-lint"]', affected.output);
  git('checkout', '--', '.');
  // A config file in a Dockerfile's directory chain selects its project's task (brace-glob inputs).
  writeFileSync(join(ws, 'apps/web/docker/layerlint.config.json'), JSON.stringify({ rules: { 'apt-lists': 'error' } }));
  const configEdit = nx(['affected', '-t', 'docker-lint', '--base=HEAD', '--outputStyle=static'], undefined);
  check('adding a config beside a Dockerfile selects exactly that project\'s task', JSON.stringify(tasksRun(configEdit.output)) === '["web:docker-lint"]', configEdit.output);
  rmSync(join(ws, 'apps/web/docker/layerlint.config.json'));
  appendFileSync(join(ws, 'apps/web/src/main.ts'), '\nexport const touched = true;\n');
  appendFileSync(join(ws, 'libs/util/index.js'), '\nexports.touched = true;\n');
  const unrelated = nx(['affected', '-t', 'docker-lint', '--base=HEAD', '--outputStyle=static'], 0);
  const unrelatedRan = tasksRun(unrelated.output);
  if (major >= 24) {
    check('an unrelated source edit selects no docker-lint task', unrelatedRan.length === 0, unrelated.output);
  } else {
    // Nx 23 selects affected work per project, so an edit inside `web` selects web:docker-lint;
    // narrow inputs still mean it is replayed from cache, never re-run.
    const notRerun = unrelatedRan.length === 0 || /read the output from the cache instead of running the command for (\d+) out of \1 tasks/.test(unrelated.output);
    check(`an unrelated source edit re-runs nothing (selected: ${unrelatedRan.join(', ') || 'none'})`, notRerun, unrelated.output);
  }
  git('checkout', '--', '.');

  step(`Nx ${nxVersion}: shared results through a self-hosted remote cache`);
  const server = await startCacheServer();
  servers.push(server);
  const remote = { NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url };
  await nxAsync(['run-many', '-t', 'docker-lint', '--outputStyle=static'], 0, { ...remote, NX_CACHE_DIRECTORY: join(base, `machine-a-nx${major}`) });
  check('machine A uploaded both results', server.stats.puts === 2, JSON.stringify(server.stats));
  const machineB = await nxAsync(['run-many', '-t', 'docker-lint', '--outputStyle=static'], 0, { ...remote, NX_CACHE_DIRECTORY: join(base, `machine-b-nx${major}`) });
  check('machine B, with an empty local cache, replayed both from the remote cache', (machineB.output.match(/\[remote cache\]/g) ?? []).length === 2 && server.stats.hits >= 2, `${machineB.output}\n${JSON.stringify(server.stats)}`);
  check('the replayed output carries the lint results', /web: 2 Dockerfile\(s\) linted/.test(machineB.output), machineB.output);

  step(`Nx ${nxVersion}: a broken, an unreadable and a 50 MB Dockerfile fail only their own tasks`);
  writeRobustnessProjects(ws, { mkdirSync, writeFileSync, chmodSync, symlinkSync, truncateSync });
  const bad = Object.keys(ROBUSTNESS_EXPECTATIONS);
  const listed = nx(['show', 'projects', '--json'], 0).output;
  const shown = JSON.parse(listed.slice(listed.indexOf('[')));
  check('nx show projects lists every project, the three bad ones included', bad.every((p) => shown.includes(p)) && ['web', 'api', 'util'].every((p) => shown.includes(p)), JSON.stringify(shown));
  const robustGraph = join(base, `graph-robust-nx${major}.json`);
  nx(['graph', `--file=${robustGraph}`], 0);
  const robustNodes = JSON.parse(readFileSync(robustGraph, 'utf-8')).graph.nodes;
  check('nx graph --file still works and has a docker-lint target on each bad project', bad.every((p) => robustNodes[p]?.data.targets?.['docker-lint']), JSON.stringify(Object.fromEntries(bad.map((p) => [p, robustNodes[p]?.data.targets ?? null])), null, 2));
  const robust = nx(['run-many', '-t', 'docker-lint', '--outputStyle=static', '--skip-nx-cache'], 1);
  for (const [project, expected] of Object.entries(ROBUSTNESS_EXPECTATIONS)) {
    check(`${project}: its task reports ${expected.file} with line:column`, expected.report.test(robust.output) && new RegExp(`${project}: 1 Dockerfile\\(s\\) linted.*1 file\\(s\\) could not be linted`).test(robust.output), robust.output);
  }
  const failedTasks = [...(/Failed tasks:\s*\n([\s\S]*?)(\n\s*\n|$)/.exec(robust.output)?.[1] ?? '').matchAll(/- (\S+)/g)].map((m) => m[1]).sort();
  check('exactly the three bad projects\' tasks failed', JSON.stringify(failedTasks) === JSON.stringify(bad.map((p) => `${p}:docker-lint`).sort()), robust.output);
  check('the good projects passed in the same run', /web: 2 Dockerfile\(s\) linted, 0 error\(s\)/.test(robust.output) && /api: 1 Dockerfile\(s\) linted, 0 error\(s\)/.test(robust.output), robust.output);
  check('no stack trace in the output', !/\n\s+at \S+ \(/.test(robust.output), robust.output);
  for (const project of bad) rmSync(join(ws, 'apps', project), { recursive: true, force: true });
}

/** Task ids that actually executed (not replayed): Nx prints `> nx run <id>` per task. */
function tasksRun(output) {
  const ids = [...output.matchAll(/> nx run (\S+:\S+)/g)].map((m) => m[1]);
  const cached = new Set([...output.matchAll(/> nx run (\S+:\S+).*\[(?:local|remote) cache\]/g)].map((m) => m[1]));
  return [...new Set(ids)].filter((id) => !cached.has(id)).sort();
}

function step(message) {
  console.log(`\n== ${message}`);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
