import { createLinter } from '../linter';
import { model } from '../testing/model';
import { creationsOf } from './creations';
import { toolchainCacheCreations, toolchainRemovalPaths } from './toolchain-caches';

async function runOf(text: string, n = 0) {
  const m = await model(text);
  return m.instructions.filter((i) => i.keyword === 'RUN')[n];
}

describe('toolchainCacheCreations (what cross-layer-delete sees)', () => {
  it('names the Go caches of the official image', async () => {
    const run = await runOf('FROM golang:1.23\nRUN go build -o /app .\n');
    expect(toolchainCacheCreations(run.run!.script!.commands[0], run).map((c) => c.path)).toEqual(['/root/.cache/go-build/00', '/go/pkg/mod/cache']);
  });

  it('names the gem, bundler, uv, conda and cargo caches', async () => {
    const paths = async (text: string) => {
      const run = await runOf(text);
      return run.run!.script!.commands.flatMap((c) => toolchainCacheCreations(c, run)).map((c) => c.path);
    };
    expect(await paths('FROM ruby:3.3\nRUN bundle install\n')).toEqual(['/usr/local/bundle/cache/package.gem', '/root/.bundle/cache/compact_index']);
    expect(await paths('FROM python:3.12\nRUN uv sync && uv sync --no-cache\n')).toEqual(['/root/.cache/uv/archive-v0']);
    expect(await paths('FROM continuumio/miniconda3\nRUN conda install -y numpy\n')).toEqual(['/opt/conda/pkgs/pkg-1.0-0']);
    expect(await paths('FROM rust:1.82\nRUN cargo install ripgrep\n')).toEqual(['/usr/local/cargo/registry/cache']);
  });

  it('names nothing where the directory is unknown (HOME of an unknown user, no GEM_HOME)', async () => {
    const run = await runOf('FROM debian:12\nUSER app\nRUN gem install rake && uv sync\n');
    expect(run.run!.script!.commands.flatMap((c) => toolchainCacheCreations(c, run))).toEqual([]);
  });

  it('drops caches the same RUN removes, and caches on mounts', async () => {
    expect(creationsOf(await runOf('FROM golang:1.23\nRUN go build -o /app . && rm -rf /go/pkg/mod /root/.cache/go-build\n'))).toEqual([]);
    expect(creationsOf(await runOf('FROM rust:1.82\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo install x\n'))).toEqual([]);
  });

  it('lets cross-layer-delete report a cache removed by a later RUN', async () => {
    const linter = await createLinter();
    const result = linter.lintText('FROM golang:1.23\nRUN go build -o /app .\nRUN rm -rf /go/pkg/mod /root/.cache/go-build\n', { filePath: 'Dockerfile' });
    expect(result.findings.filter((f) => f.ruleId === 'cross-layer-delete').map((f) => f.line)).toEqual([3]);
  });
});

describe('toolchainRemovalPaths (for removal.ts)', () => {
  const removalOf = async (text: string, withInstruction = true) => {
    const run = await runOf(text);
    return toolchainRemovalPaths(run.run!.script!.commands[0], withInstruction ? run : undefined);
  };

  it('conda, mamba and micromamba clean --all empty the package cache', async () => {
    expect(await removalOf('FROM continuumio/miniconda3\nRUN conda clean -afy\n')).toEqual(['/opt/conda/pkgs/*']);
    expect(await removalOf('FROM mambaorg/micromamba\nRUN micromamba clean --all --yes\n')).toEqual(['/opt/conda/pkgs/*']);
    expect(await removalOf('FROM debian:12\nENV CONDA_PKGS_DIRS=/c/pkgs\nRUN mamba clean -a -y\n', false)).toEqual(['/c/pkgs/*']);
    expect(await removalOf('FROM continuumio/miniconda3\nRUN conda clean --index-cache\n')).toBeNull();
  });

  it('without the instruction, what only the base image tells is unknown', async () => {
    expect(await removalOf('FROM continuumio/miniconda3\nRUN conda clean -afy\n', false)).toBeNull();
  });

  it('uv cache clean empties the whole cache, but not when naming packages', async () => {
    expect(await removalOf('FROM python:3.12\nRUN uv cache clean\n')).toEqual(['/root/.cache/uv']);
    expect(await removalOf('FROM python:3.12\nENV UV_CACHE_DIR=/uvc\nRUN uv cache clean\n', false)).toEqual(['/uvc']);
    expect(await removalOf('FROM python:3.12\nRUN uv cache clean ruff\n')).toBeNull();
  });

  it('go clean -cache and -modcache', async () => {
    expect(await removalOf('FROM golang:1.23\nRUN go clean -cache -modcache\n')).toEqual(['/root/.cache/go-build', '/go/pkg/mod']);
    expect(await removalOf('FROM golang:1.23\nRUN go clean -modcache\n')).toEqual(['/go/pkg/mod']);
    expect(await removalOf('FROM golang:1.23\nRUN go clean -testcache\n')).toBeNull();
  });

  it('other commands remove nothing', async () => {
    expect(await removalOf('FROM debian:12\nRUN apt-get clean\n')).toBeNull();
  });
});
