/**
 * Inference: attaches a cached `docker-lint` target to every project that contains Dockerfiles.
 *
 * Everything here works on paths. It never reads, parses or lints a Dockerfile (a broken file must
 * not break `nx show projects`; the task reports it), never hashes, never spawns, and imports only
 * types from @nx/devkit and nothing from @layerlint/core, because this module is loaded on every
 * cold `nx` invocation.
 */
import type { CreateNodes, CreateNodesContext, CreateNodesResultArray, TargetConfiguration } from '@nx/devkit';
import {
  CONFIG_FILE_NAME,
  DEFAULT_TARGET_NAME,
  DOCKERFILE_NAME_GLOBS,
  EXECUTOR_NAME,
  HADOLINT_CONFIG_FILE_NAMES,
  PROJECT_MARKER_FILES,
  TARGET_GROUP,
} from '../utils/constants';
import { createDockerfileNameFilter } from '../utils/dockerfile-names';
import { detectPackageManagerExec } from '../utils/package-manager';
import { directoryChain, findNearestRoot, parentDir, relativeTo } from '../utils/paths';
import { resolveToolInputs, type ToolInput } from '../utils/tool-inputs';
import { createPackageJsonProjectMatcher } from '../utils/workspace-projects';
import type { LintExecutorOptions } from '../executors/lint/schema';

export interface LayerlintPluginOptions {
  /** Name of the inferred target. Default `docker-lint`. */
  targetName?: string;
  /**
   * Basename globs that narrow which Dockerfile variants are linted, e.g. `["Dockerfile", "*.Dockerfile"]`.
   * Only names that follow the default conventions are ever seen (see DOCKERFILE_NAME_GLOBS).
   */
  dockerfilePatterns?: string[];
  /**
   * Workspace-relative path of one layerlint config that applies to every project, instead of
   * the `layerlint.config.json` files found at the root and along each Dockerfile's directories.
   */
  configPath?: string;
  /**
   * Project-relative path of the image export (docker save archive, OCI archive or OCI layout)
   * that the project's image build target writes. Setting it adds the `docker-verify` target,
   * which runs `layerlint image` on it after that build target.
   */
  imageArchive?: string;
  /** The target that builds and exports the image. Default `docker-build`. */
  imageBuildTarget?: string;
  /** Name of the measured-waste target. Default `docker-verify`. */
  verifyTargetName?: string;
  /** Passed to `layerlint image --max-waste` (bytes such as `20MB`, or a percentage such as `5%`). */
  maxWaste?: string;
  /** Passed to `layerlint image --min-efficiency` (a ratio such as 0.95). */
  minEfficiency?: number;
}

interface VerifyOptions {
  targetName: string;
  archive: string;
  buildTarget: string;
  maxWaste?: string;
  minEfficiency?: number;
}

interface NormalizedOptions {
  targetName: string;
  dockerfilePatterns?: string[];
  configPath?: string;
  /** Present only when `imageArchive` is configured: the verify target is opt-in. */
  verify?: VerifyOptions;
}

const DEFAULT_VERIFY_TARGET_NAME = 'docker-verify';
const DEFAULT_IMAGE_BUILD_TARGET = 'docker-build';

/** One glob for Dockerfile variants and project markers, so ownership is decided from one file list. */
const REPORT_OUTPUTS = ['{options.outputFile}', ...[0, 1, 2, 3, 4].map((i) => `{options.formats.${i}.outputFile}`)];

export const PLUGIN_GLOB = `**/{${[...DOCKERFILE_NAME_GLOBS, ...PROJECT_MARKER_FILES].join(',')}}`;

const inferTargets = (
  files: readonly string[],
  rawOptions: LayerlintPluginOptions | undefined,
  context: CreateNodesContext,
): CreateNodesResultArray => {
  const options = normalizeOptions(rawOptions);
  const isLintedName = createDockerfileNameFilter(options.dockerfilePatterns);
  const { projectRoots, dockerfiles } = splitFiles(files, context.workspaceRoot, isLintedName);
  if (dockerfiles.length === 0) return [];

  const owned = groupByOwningProject(dockerfiles, projectRoots);
  if (owned.size === 0) return [];

  // Shared by every target: resolved once per call, not per project.
  const toolInputs = resolveToolInputs(context.workspaceRoot);
  const exec = detectPackageManagerExec(context.workspaceRoot);

  // Sorted so the output (and anything hashed from it) is deterministic.
  return [...owned.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([projectRoot, projectDockerfiles]) => {
      const targets: Record<string, TargetConfiguration> = {
        [options.targetName]: buildLintTarget(projectRoot, projectDockerfiles, options, toolInputs, exec),
      };
      if (options.verify) targets[options.verify.targetName] = buildVerifyTarget(projectRoot, projectDockerfiles, options.verify, exec);
      return [
        projectDockerfiles[0],
        {
          projects: {
            [projectRoot]: {
              targets,
              metadata: { targetGroups: { [TARGET_GROUP]: Object.keys(targets) } },
            },
          },
        },
      ];
    });
};

export const createNodes: CreateNodes<LayerlintPluginOptions> = [PLUGIN_GLOB, inferTargets];

/** Same tuple under the pre-Nx-23 name: Nx 22 prefers it and Nx 21 requires it. */
export const createNodesV2 = createNodes;

function normalizeOptions(options: LayerlintPluginOptions | undefined): NormalizedOptions {
  const configPath = options?.configPath?.replace(/^\.\//, '').split('\\').join('/');
  const archive = options?.imageArchive?.replace(/^\.\//, '').split('\\').join('/');
  return {
    targetName: options?.targetName || DEFAULT_TARGET_NAME,
    dockerfilePatterns: options?.dockerfilePatterns,
    configPath: configPath || undefined,
    ...(archive
      ? {
          verify: {
            targetName: options?.verifyTargetName || DEFAULT_VERIFY_TARGET_NAME,
            archive,
            buildTarget: options?.imageBuildTarget || DEFAULT_IMAGE_BUILD_TARGET,
            ...(options?.maxWaste ? { maxWaste: options.maxWaste } : {}),
            ...(options?.minEfficiency !== undefined ? { minEfficiency: options.minEfficiency } : {}),
          },
        }
      : {}),
  };
}

function splitFiles(files: readonly string[], workspaceRoot: string, isLintedName: (name: string) => boolean) {
  const isPackageJsonProject = createPackageJsonProjectMatcher(workspaceRoot);
  const projectRoots = new Set<string>();
  const dockerfiles: string[] = [];
  for (const raw of files) {
    const file = raw.split('\\').join('/');
    const baseName = file.slice(file.lastIndexOf('/') + 1);
    if (baseName === 'project.json') {
      projectRoots.add(parentDir(file));
    } else if (baseName === 'package.json') {
      if (isPackageJsonProject(file)) projectRoots.add(parentDir(file));
    } else if (isLintedName(baseName)) {
      dockerfiles.push(file);
    }
  }
  return { projectRoots, dockerfiles };
}

/** Project root → its Dockerfiles (workspace-relative, sorted). Files outside every project are dropped. */
function groupByOwningProject(dockerfiles: string[], projectRoots: ReadonlySet<string>): Map<string, string[]> {
  const owned = new Map<string, string[]>();
  for (const file of dockerfiles) {
    const root = findNearestRoot(parentDir(file), projectRoots);
    if (root === undefined) continue;
    const list = owned.get(root) ?? [];
    list.push(file);
    owned.set(root, list);
  }
  for (const list of owned.values()) list.sort();
  return owned;
}

function buildLintTarget(
  projectRoot: string,
  dockerfiles: string[],
  options: NormalizedOptions,
  toolInputs: ToolInput[],
  exec: string,
): TargetConfiguration<LintExecutorOptions> {
  const relativeFiles = dockerfiles.map((file) => relativeTo(projectRoot, file));
  const executorOptions: LintExecutorOptions = { dockerfiles: relativeFiles };
  if (options.configPath) executorOptions.config = options.configPath;
  return {
    executor: EXECUTOR_NAME,
    cache: true,
    // Only what can change the result: the Dockerfiles, the configs that apply to them and the
    // linter itself. No `default` inputs, so an unrelated edit neither re-runs nor selects the task.
    inputs: [
      ...relativeFiles.map((file) => projectInput(file)),
      ...configInputs(projectRoot, dockerfiles, options.configPath),
      ...toolInputs,
    ],
    // Report files are cached outputs: `outputFile`, and the files of up to five `formats` entries
    // (Nx drops tokens that resolve to nothing).
    outputs: REPORT_OUTPUTS,
    options: executorOptions,
    metadata: {
      technologies: ['docker'],
      description: 'Lint Dockerfiles with layerlint',
      help: {
        command: `${exec} layerlint --help`,
        example: { options: { maxWarnings: 0, format: 'json', outputFile: 'reports/docker-lint.json' } },
      },
    },
  };
}

/**
 * The config files that can apply to these Dockerfiles: one in every directory from the workspace
 * root down to each Dockerfile's directory. Listed by exact path (missing files hash as absent), so
 * a config elsewhere in the project does not invalidate the result.
 */
function configInputs(projectRoot: string, dockerfiles: string[], configPath: string | undefined): string[] {
  if (configPath) return [`{workspaceRoot}/${configPath}`];
  // The core reads layerlint.config.json in every directory from the root down to each Dockerfile's
  // directory, and falls back to .hadolint.yaml/.yml on the same path: one brace glob per directory
  // keeps the target small (Nx hashes and matches brace globs in inputs).
  const names = `{${[CONFIG_FILE_NAME, ...HADOLINT_CONFIG_FILE_NAMES].join(',')}}`;
  const dirs = new Set<string>();
  for (const file of dockerfiles) for (const dir of directoryChain(parentDir(file))) dirs.add(dir);
  return [...dirs].sort(byDepth).map((dir) => {
    const insideProject = projectRoot === '.' || dir === projectRoot || dir.startsWith(`${projectRoot}/`);
    if (!insideProject) return `{workspaceRoot}/${dir === '.' ? '' : `${dir}/`}${names}`;
    return projectInput(posixJoin(relativeTo(projectRoot, dir), names));
  });
}

function projectInput(pathInProject: string): string {
  return `{projectRoot}/${pathInProject}`;
}

function posixJoin(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

function byDepth(a: string, b: string): number {
  const depth = (dir: string) => (dir === '.' ? 0 : dir.split('/').length);
  return depth(a) - depth(b) || a.localeCompare(b);
}

/**
 * `layerlint image` on the archive the build target exported. Not cached: the archive is not an
 * input Nx can know about from paths alone (it may be rebuilt from a cache, or be stale), and a
 * measurement that replays an old result would prove nothing. Workspaces whose build target
 * declares the archive as an output can configure caching (docs/nx.md).
 */
function buildVerifyTarget(projectRoot: string, dockerfiles: string[], verify: VerifyOptions, exec: string): TargetConfiguration {
  const inProject = (path: string) => (projectRoot === '.' ? path : `${projectRoot}/${path}`);
  const args = [`${exec} layerlint image ${shellQuote(inProject(verify.archive))}`];
  // The line mapping needs to know which Dockerfile built the image: only certain with one.
  if (dockerfiles.length === 1) args.push(`--dockerfile ${shellQuote(dockerfiles[0])}`);
  if (verify.maxWaste) args.push(`--max-waste ${shellQuote(verify.maxWaste)}`);
  if (verify.minEfficiency !== undefined) args.push(`--min-efficiency ${verify.minEfficiency}`);
  return {
    executor: 'nx:run-commands',
    dependsOn: [verify.buildTarget],
    cache: false,
    options: { command: args.join(' ') },
    metadata: {
      technologies: ['docker'],
      description: 'Measure the built image\'s wasted bytes per layer with layerlint',
      help: { command: `${exec} layerlint image --help`, example: { args: ['--format=json', '--max-waste=5%'] } },
    },
  };
}

/** Paths come from the workspace; quote anything a shell would split or expand. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
