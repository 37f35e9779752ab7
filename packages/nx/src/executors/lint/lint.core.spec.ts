import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { TempWorkspace } from '../../test-support/temp-workspace';
import { collect } from '../../test-support/collect';
import { batchLint } from './lint.impl';

/** A task graph and context for one docker-lint task per project, each project rooted at apps/<name>. */
function batchOf(root: string, names: string[]): { taskGraph: TaskGraph; context: ExecutorContext } {
  const taskGraph = {
    tasks: Object.fromEntries(names.map((n) => [`${n}:docker-lint`, { id: `${n}:docker-lint`, target: { project: n, target: 'docker-lint' } }])),
  } as unknown as TaskGraph;
  const context = {
    root,
    projectsConfigurations: { version: 2, projects: Object.fromEntries(names.map((n) => [n, { root: `apps/${n}` }])) },
  } as unknown as ExecutorContext;
  return { taskGraph, context };
}

// The batch executor against the real @layerlint/core (lint.impl.spec.ts uses a stand-in).
describe('batch lint with the real core', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    process.env.FORCE_COLOR = '0';
  });
  afterEach(() => {
    ws.cleanup();
    delete process.env.FORCE_COLOR;
  });

  it('reports findings with file and line, fails only the failing tasks, and honours rule overrides', async () => {
    ws.write({
      'apps/web/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      'apps/api/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      'apps/ok/Dockerfile': 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    });
    const names = ['web', 'api', 'ok'];
    const { taskGraph, context } = batchOf(ws.root, names);
    const results = await collect(batchLint(
      taskGraph,
      {
        'web:docker-lint': { dockerfiles: ['Dockerfile'] },
        'api:docker-lint': { dockerfiles: ['Dockerfile'], rules: { DL3009: 'off' } },
        'ok:docker-lint': { dockerfiles: ['Dockerfile'] },
      },
      {},
      context,
    ));
    expect(results['web:docker-lint'].success).toBe(false);
    expect(results['web:docker-lint'].terminalOutput).toMatch(/apps\/web\/Dockerfile\n\s+2:\d+\s+error\s+.*apt-lists/);
    expect(results['api:docker-lint'].success).toBe(true);
    expect(results['ok:docker-lint']).toMatchObject({ success: true, terminalOutput: expect.stringContaining('ok: 1 Dockerfile(s) linted, 0 error(s), 0 warning(s).') });
  });

  it('writes SARIF per project with the real core: workspace-relative URIs, exact regions and fixes', async () => {
    ws.write({ 'apps/web/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' });
    const taskGraph = { tasks: { 'web:docker-lint': { id: 'web:docker-lint', target: { project: 'web', target: 'docker-lint' } } } } as unknown as TaskGraph;
    const context = { root: ws.root, projectsConfigurations: { version: 2, projects: { web: { root: 'apps/web' } } } } as unknown as ExecutorContext;
    const results = await collect(batchLint(
      taskGraph,
      { 'web:docker-lint': { dockerfiles: ['Dockerfile'], formats: [{ format: 'sarif', outputFile: 'reports/{projectName}.sarif' }] } },
      {},
      context,
    ));
    expect(results['web:docker-lint'].terminalOutput).toContain('Report written to reports/web.sarif');
    const sarif = JSON.parse(readFileSync(join(ws.root, 'reports/web.sarif'), 'utf-8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].automationDetails).toEqual({ id: 'docker-lint/web/' });
    const [result] = sarif.runs[0].results;
    expect(result).toMatchObject({
      ruleId: 'apt-lists',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'apps/web/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 5 } } }],
      partialFingerprints: { primaryLocationLineHash: expect.stringMatching(/^[0-9a-f]{32}:1$/) },
    });
    expect(result.fixes[0].artifactChanges[0].replacements.length).toBeGreaterThan(0);
  });

  it('applies layerlint.config.json along the path; a broken config fails only the tasks it governs, naming file and key', async () => {
    ws.write({
      'layerlint.config.json': JSON.stringify({ rules: { DL3009: 'warn' } }),
      'apps/web/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      'apps/api/Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      'apps/api/layerlint.config.json': JSON.stringify({ rules: { 'apt-lists': 'loud' } }),
    });
    const names = ['web', 'api'];
    const { taskGraph, context } = batchOf(ws.root, names);
    const results = await collect(batchLint(
      taskGraph,
      { 'web:docker-lint': { dockerfiles: ['Dockerfile'] }, 'api:docker-lint': { dockerfiles: ['Dockerfile'] } },
      {},
      context,
    ));
    expect(results['web:docker-lint']).toMatchObject({ success: true, terminalOutput: expect.stringMatching(/2:\d+\s+warning\s+.*apt-lists/) });
    expect(results['api:docker-lint'].success).toBe(false);
    expect(results['api:docker-lint'].terminalOutput).toMatch(/apps\/api\/layerlint\.config\.json: "rules\.apt-lists" must be "off", "warn" or "error"/);
  });
});
