import { join } from 'node:path';
import type { CreateNodesContext, CreateNodesResultArray } from '@nx/devkit';
import { TempWorkspace } from '../test-support/temp-workspace';
import { createNodes, createNodesV2, PLUGIN_GLOB, type LayerlintPluginOptions } from './plugin';

// The real module objects (not ES namespace copies), so spies see the plugin's calls.
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('node:fs') as typeof import('node:fs');
const childProcess = require('node:child_process') as typeof import('node:child_process');
/* eslint-enable @typescript-eslint/no-require-imports */

// Nx's own glob matcher, so these tests also prove the plugin glob selects the right files.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { matchGlobPaths } = require('nx/src/native') as { matchGlobPaths(globs: string[], paths: string[]): boolean[] };

describe('@layerlint/nx/plugin createNodes', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.cleanup());

  /** Writes the workspace and runs inference over the files Nx would hand the plugin. */
  async function infer(files: Record<string, string>, options?: LayerlintPluginOptions): Promise<CreateNodesResultArray> {
    ws.write(files);
    const paths = Object.keys(files);
    const matched = paths.filter((_, i) => matchGlobPaths([PLUGIN_GLOB], paths)[i]);
    const context: CreateNodesContext = { nxJsonConfiguration: {}, workspaceRoot: ws.root };
    return createNodes[1](matched, options, context);
  }

  const npmRoot = JSON.stringify({ name: 'root', workspaces: ['apps/*', 'libs/*'] });

  it('attaches one target per owning project with precise inputs', async () => {
    const results = await infer({
      'package.json': npmRoot,
      'apps/web/package.json': '{"name":"web"}',
      'apps/web/Dockerfile': 'FROM node:20\n',
      'apps/web/docker/prod/Dockerfile.prod': 'FROM node:20\n',
      'apps/web/src/main.ts': '',
      'apps/api/project.json': '{"name":"api"}',
      'apps/api/Containerfile': 'FROM alpine\n',
    });
    expect(results).toMatchInlineSnapshot(`
[
  [
    "apps/api/Containerfile",
    {
      "projects": {
        "apps/api": {
          "metadata": {
            "targetGroups": {
              "Docker": [
                "docker-lint",
              ],
            },
          },
          "targets": {
            "docker-lint": {
              "cache": true,
              "executor": "@layerlint/nx:lint",
              "inputs": [
                "{projectRoot}/Containerfile",
                "{workspaceRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                "{workspaceRoot}/apps/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                "{projectRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                {
                  "externalDependencies": [
                    "@layerlint/core",
                    "@layerlint/nx",
                  ],
                },
              ],
              "metadata": {
                "description": "Lint Dockerfiles with layerlint",
                "help": {
                  "command": "npx layerlint --help",
                  "example": {
                    "options": {
                      "format": "json",
                      "maxWarnings": 0,
                      "outputFile": "reports/docker-lint.json",
                    },
                  },
                },
                "technologies": [
                  "docker",
                ],
              },
              "options": {
                "dockerfiles": [
                  "Containerfile",
                ],
              },
              "outputs": [
                "{options.outputFile}",
                "{options.formats.0.outputFile}",
                "{options.formats.1.outputFile}",
                "{options.formats.2.outputFile}",
                "{options.formats.3.outputFile}",
                "{options.formats.4.outputFile}",
              ],
            },
          },
        },
      },
    },
  ],
  [
    "apps/web/Dockerfile",
    {
      "projects": {
        "apps/web": {
          "metadata": {
            "targetGroups": {
              "Docker": [
                "docker-lint",
              ],
            },
          },
          "targets": {
            "docker-lint": {
              "cache": true,
              "executor": "@layerlint/nx:lint",
              "inputs": [
                "{projectRoot}/Dockerfile",
                "{projectRoot}/docker/prod/Dockerfile.prod",
                "{workspaceRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                "{workspaceRoot}/apps/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                "{projectRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                "{projectRoot}/docker/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                "{projectRoot}/docker/prod/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}",
                {
                  "externalDependencies": [
                    "@layerlint/core",
                    "@layerlint/nx",
                  ],
                },
              ],
              "metadata": {
                "description": "Lint Dockerfiles with layerlint",
                "help": {
                  "command": "npx layerlint --help",
                  "example": {
                    "options": {
                      "format": "json",
                      "maxWarnings": 0,
                      "outputFile": "reports/docker-lint.json",
                    },
                  },
                },
                "technologies": [
                  "docker",
                ],
              },
              "options": {
                "dockerfiles": [
                  "Dockerfile",
                  "docker/prod/Dockerfile.prod",
                ],
              },
              "outputs": [
                "{options.outputFile}",
                "{options.formats.0.outputFile}",
                "{options.formats.1.outputFile}",
                "{options.formats.2.outputFile}",
                "{options.formats.3.outputFile}",
                "{options.formats.4.outputFile}",
              ],
            },
          },
        },
      },
    },
  ],
]
`);
  });

  it('recognises every Dockerfile naming convention and nothing else', async () => {
    const results = await infer({
      'package.json': npmRoot,
      'apps/a/project.json': '{}',
      'apps/a/Dockerfile': '',
      'apps/a/Dockerfile.dev': '',
      'apps/a/worker.Dockerfile': '',
      'apps/a/cron.dockerfile': '',
      'apps/a/Containerfile': '',
      'apps/a/Containerfile.ci': '',
      'apps/a/Dockerfile-old': '',
      'apps/a/Dockerfiles/readme.md': '',
      'apps/a/.dockerignore': '',
    });
    expect(dockerfilesOf(results, 'apps/a')).toEqual([
      'Containerfile',
      'Containerfile.ci',
      'Dockerfile',
      'Dockerfile.dev',
      'cron.dockerfile',
      'worker.Dockerfile',
    ]);
  });

  it('gives each Dockerfile to its nearest enclosing project and skips orphans', async () => {
    const results = await infer({
      'package.json': npmRoot,
      'apps/web/project.json': '{}',
      'apps/web/Dockerfile': '',
      'apps/web/admin/project.json': '{}',
      'apps/web/admin/Dockerfile': '',
      'apps/web/admin/deep/x.Dockerfile': '',
      'tools/orphan/Dockerfile': '',
      'Dockerfile': '',
      'docker/Dockerfile.base': '',
    });
    expect(rootsOf(results)).toEqual(['apps/web', 'apps/web/admin']);
    expect(dockerfilesOf(results, 'apps/web')).toEqual(['Dockerfile']);
    expect(dockerfilesOf(results, 'apps/web/admin')).toEqual(['Dockerfile', 'deep/x.Dockerfile']);
  });

  it('never creates projects for package.json files outside the package-manager workspaces', async () => {
    const results = await infer({
      'package.json': npmRoot,
      'scripts/tooling/package.json': '{"name":"tooling"}',
      'scripts/tooling/Dockerfile': '',
      'libs/util/package.json': '{"name":"util"}',
      'libs/util/Dockerfile': '',
    });
    expect(rootsOf(results)).toEqual(['libs/util']);
  });

  it('lets the workspace root own files only when it is a project', async () => {
    const files = {
      'package.json': npmRoot,
      'apps/web/project.json': '{}',
      'apps/web/Dockerfile': '',
      'docker/Dockerfile': '',
      'tools/orphan/Dockerfile': '',
    };
    expect(rootsOf(await infer(files))).toEqual(['apps/web']);

    ws.cleanup();
    ws = new TempWorkspace();
    const withRootProject = await infer({ ...files, 'project.json': '{"name":"root"}' });
    expect(rootsOf(withRootProject)).toEqual(['.', 'apps/web']);
    expect(dockerfilesOf(withRootProject, '.')).toEqual(['docker/Dockerfile', 'tools/orphan/Dockerfile']);
    expect(inputsOf(withRootProject, '.')).toContain('{projectRoot}/{layerlint.config.json,.hadolint.yaml,.hadolint.yml}');
  });

  it('treats a root package.json with an nx field as a project', async () => {
    const results = await infer({
      'package.json': JSON.stringify({ name: 'root', nx: {}, workspaces: ['apps/*'] }),
      'Dockerfile': '',
    });
    expect(rootsOf(results)).toEqual(['.']);
  });

  it('honours targetName, dockerfilePatterns and configPath', async () => {
    const results = await infer(
      {
        'package.json': npmRoot,
        'apps/web/project.json': '{}',
        'apps/web/Dockerfile': '',
        'apps/web/Dockerfile.dev': '',
        'apps/web/api.Dockerfile': '',
      },
      { targetName: 'lint-docker', dockerfilePatterns: ['Dockerfile', '*.Dockerfile'], configPath: './config/layerlint.json' },
    );
    const project = results[0][1].projects!['apps/web'];
    expect(Object.keys(project.targets!)).toEqual(['lint-docker']);
    expect(project.metadata!.targetGroups).toEqual({ Docker: ['lint-docker'] });
    const target = project.targets!['lint-docker'];
    expect(target.options).toEqual({ dockerfiles: ['Dockerfile', 'api.Dockerfile'], config: 'config/layerlint.json' });
    expect(target.inputs).toEqual([
      '{projectRoot}/Dockerfile',
      '{projectRoot}/api.Dockerfile',
      '{workspaceRoot}/config/layerlint.json',
      { externalDependencies: ['@layerlint/core', '@layerlint/nx'] },
    ]);
  });

  it('declares workspace-local tool packages by their files instead of as external nodes', async () => {
    ws.write({ 'packages/core/package.json': '{"name":"@layerlint/core"}' });
    fs.mkdirSync(join(ws.root, 'node_modules/@layerlint'), { recursive: true });
    fs.symlinkSync(join(ws.root, 'packages/core'), join(ws.root, 'node_modules/@layerlint/core'), 'dir');
    const results = await infer({
      'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*', 'apps/*'] }),
      'apps/web/project.json': '{}',
      'apps/web/Dockerfile': '',
    });
    expect(inputsOf(results, 'apps/web').slice(-2)).toEqual([
      '{workspaceRoot}/packages/core/**/*',
      { externalDependencies: ['@layerlint/nx'] },
    ]);
  });

  it('reads no Dockerfile and starts no process: it only needs the paths', async () => {
    const readFileSync = jest.spyOn(fs, 'readFileSync');
    const spawns = (['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const).map((fn) =>
      jest.spyOn(childProcess, fn),
    );
    try {
      ws.write({ 'package.json': npmRoot, 'apps/web/project.json': '{}' });
      // The Dockerfiles are listed but do not even exist on disk.
      const results = await createNodes[1](
        ['package.json', 'apps/web/project.json', 'apps/web/Dockerfile', 'apps/web/broken.Dockerfile'],
        {},
        { nxJsonConfiguration: {}, workspaceRoot: ws.root },
      );
      expect(dockerfilesOf(results, 'apps/web')).toEqual(['Dockerfile', 'broken.Dockerfile']);
      const readPaths = readFileSync.mock.calls.map(([path]) => String(path));
      expect(readPaths.some((p) => p.endsWith('package.json'))).toBe(true); // the spy does see the plugin's reads
      expect(readPaths.filter((p) => !/(^|[\\/])(package\.json|pnpm-workspace\.yaml|lerna\.json)$/.test(p))).toEqual([]);
      for (const spy of spawns) expect(spy).not.toHaveBeenCalled();
    } finally {
      readFileSync.mockRestore();
      for (const spy of spawns) spy.mockRestore();
    }
  });

  it('is deterministic regardless of file order', async () => {
    const files = {
      'package.json': npmRoot,
      'apps/b/project.json': '{}',
      'apps/b/Dockerfile.z': '',
      'apps/b/Dockerfile': '',
      'apps/a/project.json': '{}',
      'apps/a/Dockerfile': '',
    };
    ws.write(files);
    const context = { nxJsonConfiguration: {}, workspaceRoot: ws.root };
    const paths = Object.keys(files);
    const forward = await createNodes[1](paths, {}, context);
    const backward = await createNodes[1]([...paths].reverse(), {}, context);
    expect(backward).toEqual(forward);
    expect(rootsOf(forward)).toEqual(['apps/a', 'apps/b']);
  });

  it('returns nothing when there are no Dockerfiles', async () => {
    expect(await infer({ 'package.json': npmRoot, 'apps/a/project.json': '{}' })).toEqual([]);
  });

  describe('docker-verify (measured waste of the built image)', () => {
    const files = {
      'package.json': npmRoot,
      'apps/web/package.json': '{"name":"web"}',
      'apps/web/Dockerfile': 'FROM node:20\n',
      'apps/api/project.json': '{"name":"api"}',
      'apps/api/Dockerfile': 'FROM alpine\n',
      'apps/api/Dockerfile.dev': 'FROM alpine\n',
    };
    const projectOf = (results: CreateNodesResultArray, root: string) => results.find(([, r]) => r.projects?.[root])![1].projects![root];

    it('is off unless an image archive is configured', async () => {
      const results = await infer(files);
      expect(Object.keys(projectOf(results, 'apps/web').targets!)).toEqual(['docker-lint']);
    });

    it('runs layerlint image on the archive after the image build target, uncached', async () => {
      const results = await infer(files, { imageArchive: './dist/image.tar', maxWaste: '5%', minEfficiency: 0.9 });
      const web = projectOf(results, 'apps/web');
      expect(web.metadata?.targetGroups).toEqual({ Docker: ['docker-lint', 'docker-verify'] });
      expect(web.targets!['docker-verify']).toMatchObject({
        executor: 'nx:run-commands',
        dependsOn: ['docker-build'],
        cache: false,
        options: { command: 'npx layerlint image apps/web/dist/image.tar --dockerfile apps/web/Dockerfile --max-waste 5% --min-efficiency 0.9' },
      });
      expect(web.targets!['docker-verify'].inputs).toBeUndefined();
      // Two Dockerfiles: which one built the image is not known from paths, so no line mapping.
      expect(projectOf(results, 'apps/api').targets!['docker-verify'].options).toEqual({ command: 'npx layerlint image apps/api/dist/image.tar --max-waste 5% --min-efficiency 0.9' });
    });

    it('takes the target names from the options and quotes odd paths', async () => {
      const results = await infer(files, { imageArchive: "out/my image's.tar", imageBuildTarget: 'container', verifyTargetName: 'image-waste' });
      const target = projectOf(results, 'apps/web').targets!['image-waste'];
      expect(target.dependsOn).toEqual(['container']);
      expect(target.options.command).toBe(`npx layerlint image 'apps/web/out/my image'\\''s.tar' --dockerfile apps/web/Dockerfile`);
    });
  });

  it('exports the same tuple as createNodesV2 for older Nx versions', () => {
    expect(createNodesV2).toBe(createNodes);
    expect(createNodes[0]).toBe(PLUGIN_GLOB);
  });
});

function rootsOf(results: CreateNodesResultArray): string[] {
  return results.flatMap(([, result]) => Object.keys(result.projects ?? {}));
}

function targetOf(results: CreateNodesResultArray, root: string) {
  const entry = results.find(([, result]) => result.projects?.[root]);
  if (!entry) throw new Error(`no project ${root} in results`);
  return entry[1].projects![root].targets!['docker-lint'];
}

function dockerfilesOf(results: CreateNodesResultArray, root: string): string[] {
  return (targetOf(results, root).options as { dockerfiles: string[] }).dockerfiles;
}

function inputsOf(results: CreateNodesResultArray, root: string) {
  return targetOf(results, root).inputs!;
}
