import { lines, testRule } from '../testing/rule-tester';
import { condaClean } from './conda-clean';

testRule(condaClean, {
  valid: [
    { name: 'the classic conda clean -afy', code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && conda clean -afy') },
    { name: 'long options', code: lines('FROM continuumio/miniconda3', 'RUN conda create -n app python=3.12 && conda clean --all --force-pkgs-dirs --yes') },
    { name: 'conda clean -a without -f also removes the tarballs', code: lines('FROM condaforge/miniforge3', 'RUN mamba install -y numpy && mamba clean -ay') },
    { name: 'tarballs and packages separately', code: lines('FROM condaforge/miniforge3', 'RUN conda install -y numpy && conda clean -t -p -y') },
    { name: 'micromamba clean --all --yes', code: lines('FROM mambaorg/micromamba:1.5', 'RUN micromamba install -y -n base -f env.yaml && micromamba clean --all --yes') },
    { name: 'conda env create then clean', code: lines('FROM continuumio/miniconda3', 'RUN conda env create -f environment.yml && conda clean -afy') },
    { name: 'rm -rf of the package cache', code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && rm -rf /opt/conda/pkgs/*') },
    { name: 'a cache mount on /opt/conda/pkgs', code: lines('FROM continuumio/miniconda3', 'RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy') },
    { name: 'a cache mount on a relocated CONDA_PKGS_DIRS', code: lines('FROM continuumio/miniconda3', 'ENV CONDA_PKGS_DIRS=/cache/conda', 'RUN --mount=type=cache,target=/cache conda install -y numpy') },
    { name: 'cleaning before and after', code: lines('FROM continuumio/miniconda3', 'RUN conda clean -afy && conda install -y numpy && conda clean -afy') },
    { name: 'a builder stage that is only copied from does not ship', code: lines('FROM continuumio/miniconda3 AS build', 'RUN conda create -p /env numpy', 'FROM debian:12-slim', 'COPY --from=build /env /env') },
    { name: 'other conda commands write no packages', code: lines('FROM continuumio/miniconda3', 'RUN conda config --add channels conda-forge && conda list && conda install --dry-run numpy') },
    { name: 'a heredoc with the cleanup', code: lines('FROM continuumio/miniconda3', 'RUN <<EOF', 'conda install -y numpy', 'conda clean -afy', 'EOF') },
  ],
  invalid: [
    {
      name: 'conda install',
      code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy'),
      errors: [{ line: 2, column: 5, message: /\/opt\/conda\/pkgs/ }],
      output: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && conda clean -afy'),
    },
    {
      name: 'micromamba gets its own spelling',
      code: lines('FROM mambaorg/micromamba:1.5', 'RUN micromamba install -y -n base -c conda-forge python=3.12'),
      errors: [{ line: 2 }],
      output: lines('FROM mambaorg/micromamba:1.5', 'RUN micromamba install -y -n base -c conda-forge python=3.12 && micromamba clean --all --yes'),
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM condaforge/miniforge3', 'RUN mamba install -y \\', '      numpy \\', '      pandas'),
      errors: [{ line: 2 }],
      output: lines('FROM condaforge/miniforge3', 'RUN mamba install -y \\', '      numpy \\', '      pandas && \\', '      mamba clean -afy'),
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM continuumio/miniconda3', 'RUN conda update -n base conda \\', '    && conda env create -f environment.yml'),
      errors: [{ line: 3 }],
      output: lines('FROM continuumio/miniconda3', 'RUN conda update -n base conda \\', '    && conda env create -f environment.yml \\', '    && conda clean -afy'),
    },
    {
      name: 'heredoc without set -e',
      code: lines('FROM continuumio/miniconda3', 'RUN <<EOF', 'conda install -y numpy', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: lines('FROM continuumio/miniconda3', 'RUN <<EOF', 'conda install -y numpy && conda clean -afy', 'EOF'),
    },
    {
      name: 'heredoc under set -e',
      code: lines('FROM continuumio/miniconda3', 'RUN <<EOF', 'set -ex', 'conda install -y numpy', 'EOF'),
      errors: [{ line: 4 }],
      output: lines('FROM continuumio/miniconda3', 'RUN <<EOF', 'set -ex', 'conda install -y numpy', 'conda clean -afy', 'EOF'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM continuumio/miniconda3', 'RUN ["/bin/bash", "-c", "conda install -y numpy"]'),
      errors: [{ line: 2, column: 26 }],
      output: lines('FROM continuumio/miniconda3', 'RUN ["/bin/bash", "-c", "conda install -y numpy && conda clean -afy"]'),
    },
    {
      name: 'exec form without a shell: reported, no fix',
      code: lines('FROM continuumio/miniconda3', 'RUN ["conda", "install", "-y", "numpy"]'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'conda clean without --all or tarballs does not count',
      code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && conda clean --index-cache -y'),
      errors: [{ line: 2 }],
      output: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && conda clean --index-cache -y && conda clean -afy'),
    },
    {
      name: 'rm -rf of another path does not count',
      code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && rm -rf /tmp/*'),
      errors: [{ line: 2 }],
      output: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && rm -rf /tmp/* && conda clean -afy'),
    },
    {
      name: 'cleanup only after ||',
      code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy || conda clean -afy'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy || conda clean -afy && conda clean -afy'),
    },
    {
      name: 'cleanup before the last install',
      code: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && conda clean -afy && conda install -y pandas'),
      errors: [{ line: 2, column: 51, message: /runs before the last command/ }],
      output: lines('FROM continuumio/miniconda3', 'RUN conda install -y numpy && conda clean -afy && conda install -y pandas && conda clean -afy'),
    },
    {
      name: 'a mount on another path does not exempt',
      code: lines('FROM continuumio/miniconda3', 'RUN --mount=type=cache,target=/root/.cache/pip conda install -y numpy'),
      errors: [{ line: 2 }],
      output: lines('FROM continuumio/miniconda3', 'RUN --mount=type=cache,target=/root/.cache/pip conda install -y numpy && conda clean -afy'),
    },
    {
      name: 'CONDA_PKGS_DIRS relocates the cache away from the mount',
      code: lines('FROM continuumio/miniconda3', 'ENV CONDA_PKGS_DIRS=/cache/pkgs', 'RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy'),
      errors: [{ line: 3, message: /\/cache\/pkgs/ }],
      output: lines('FROM continuumio/miniconda3', 'ENV CONDA_PKGS_DIRS=/cache/pkgs', 'RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy && conda clean -afy'),
    },
    {
      name: 'conda called by its full path, on an image that installs it itself',
      code: lines('FROM debian:12', 'RUN /opt/miniconda/bin/conda install -y numpy'),
      errors: [{ line: 2, message: /\/opt\/miniconda\/pkgs/ }],
      output: lines('FROM debian:12', 'RUN /opt/miniconda/bin/conda install -y numpy && /opt/miniconda/bin/conda clean -afy'),
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM continuumio/miniconda3 AS base', 'RUN conda install -y numpy', 'FROM base', 'CMD ["python"]'),
      errors: [{ line: 2 }],
      output: lines('FROM continuumio/miniconda3 AS base', 'RUN conda install -y numpy && conda clean -afy', 'FROM base', 'CMD ["python"]'),
    },
  ],
});
