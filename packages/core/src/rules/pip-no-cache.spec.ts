import { lines, testRule } from '../testing/rule-tester';
import { pipNoCache } from './pip-no-cache';

testRule(pipNoCache, {
  valid: [
    { name: 'the classic clean install', code: lines('FROM python:3.12', 'RUN pip install --no-cache-dir -r requirements.txt') },
    { name: '--no-cache-dir as a global option before install', code: lines('FROM python:3.12', 'RUN pip --no-cache-dir install flask') },
    { name: 'ENV PIP_NO_CACHE_DIR=1', code: lines('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install flask') },
    { name: 'PIP_NO_CACHE_DIR=false still disables the cache (pip reads any boolean that way)', code: lines('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=false', 'RUN pip install flask') },
    { name: 'ENV inherited from the stage built FROM', code: lines('FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=on', 'FROM base', 'RUN pip install flask') },
    { name: 'inline assignment', code: lines('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1 pip install flask') },
    { name: 'export earlier in the RUN', code: lines('FROM python:3.12', 'RUN export PIP_NO_CACHE_DIR=1 && pip install flask') },
    { name: 'ARG with a default is in the environment', code: lines('FROM python:3.12', 'ARG PIP_NO_CACHE_DIR=1', 'RUN pip install flask') },
    { name: 'cache mount on root\'s pip cache', code: lines('FROM python:3.12', 'USER root', 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask') },
    { name: 'cache mount on a relocated PIP_CACHE_DIR', code: lines('FROM python:3.12', 'ENV PIP_CACHE_DIR=/cache/pip', 'RUN --mount=type=cache,target=/cache pip install flask') },
    { name: 'pipx, pipenv and uv pip are not pip', code: lines('FROM python:3.12', 'RUN pipx install black && pipenv install && uv pip install flask') },
    { name: 'pip commands that are not install', code: lines('FROM python:3.12', 'RUN pip download flask && pip uninstall -y flask && pip list') },
    { name: 'a stage only copied from does not ship', code: lines('FROM python:3.12 AS build', 'RUN pip install build', 'FROM python:3.12-slim', 'COPY --from=build /wheels /wheels') },
    { name: 'Windows images are not checked', code: lines('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'RUN pip install flask') },
    { name: 'SHELL powershell is not a POSIX shell', code: lines('FROM python:3.12', 'SHELL ["pwsh", "-Command"]', 'RUN pip install flask') },
  ],
  invalid: [
    {
      name: 'pip install',
      code: lines('FROM python:3.12', 'RUN pip install flask'),
      errors: [{ line: 2, column: 5, message: /--no-cache-dir/ }],
      output: lines('FROM python:3.12', 'RUN pip install --no-cache-dir flask'),
    },
    {
      name: 'pip3 with a requirements file',
      code: lines('FROM python:3.12', 'RUN pip3 install -r requirements.txt'),
      errors: [{ line: 2 }],
      output: lines('FROM python:3.12', 'RUN pip3 install --no-cache-dir -r requirements.txt'),
    },
    {
      name: 'versioned pip3.12 and a path',
      code: lines('FROM python:3.12', 'RUN /usr/local/bin/pip3.12 install flask'),
      errors: [{ line: 2 }],
      output: lines('FROM python:3.12', 'RUN /usr/local/bin/pip3.12 install --no-cache-dir flask'),
    },
    {
      name: 'python -m pip and python3 -m pip',
      code: lines('FROM python:3.12', 'RUN python -m pip install -U pip && python3 -m pip install flask'),
      errors: [{ line: 2, column: 5 }, { line: 2, column: 37 }],
      output: lines('FROM python:3.12', 'RUN python -m pip install --no-cache-dir -U pip && python3 -m pip install --no-cache-dir flask'),
    },
    {
      name: 'global options before install',
      code: lines('FROM python:3.12', 'RUN pip --disable-pip-version-check --retries 3 install flask'),
      errors: [{ line: 2 }],
      output: lines('FROM python:3.12', 'RUN pip --disable-pip-version-check --retries 3 install --no-cache-dir flask'),
    },
    {
      name: 'exec form without a shell stays JSON',
      code: lines('FROM python:3.12', 'RUN ["pip", "install", "flask"]'),
      errors: [{ line: 2, column: 6 }],
      output: lines('FROM python:3.12', 'RUN ["pip", "install", "--no-cache-dir", "flask"]'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM python:3.12', 'RUN ["sh", "-c", "pip install flask"]'),
      errors: [{ line: 2, column: 19 }],
      output: lines('FROM python:3.12', 'RUN ["sh", "-c", "pip install --no-cache-dir flask"]'),
    },
    {
      name: 'inside sh -c "…"',
      code: lines('FROM python:3.12', 'RUN sh -c "pip install flask && echo ok"'),
      errors: [{ line: 2, column: 12 }],
      output: lines('FROM python:3.12', 'RUN sh -c "pip install --no-cache-dir flask && echo ok"'),
    },
    {
      name: 'heredoc body, reported on its real line',
      code: lines('FROM python:3.12', 'RUN <<EOF', 'set -e', 'pip install flask', 'EOF'),
      errors: [{ line: 4, column: 1 }],
      output: lines('FROM python:3.12', 'RUN <<EOF', 'set -e', 'pip install --no-cache-dir flask', 'EOF'),
    },
    {
      name: 'bash <<EOF heredoc is linted too',
      code: lines('FROM python:3.12', 'RUN bash <<EOF', 'pip install flask', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: lines('FROM python:3.12', 'RUN bash <<EOF', 'pip install --no-cache-dir flask', 'EOF'),
    },
    {
      name: 'continuation lines',
      code: lines('FROM python:3.12', 'RUN apt-get install -y gcc && \\', '    pip install \\', '      flask'),
      errors: [{ line: 3, column: 5 }],
      output: lines('FROM python:3.12', 'RUN apt-get install -y gcc && \\', '    pip install --no-cache-dir \\', '      flask'),
    },
    {
      name: 'ENV in another (unrelated) stage does not count',
      code: lines('FROM python:3.12 AS tools', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install flask'),
      errors: [{ line: 4 }],
      output: lines('FROM python:3.12 AS tools', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install --no-cache-dir flask'),
    },
    {
      name: 'a mount on another user\'s cache does not cover root',
      code: lines('FROM python:3.12', 'USER root', 'RUN --mount=type=cache,target=/home/app/.cache/pip pip install flask'),
      errors: [{ line: 3, message: /\/root\/\.cache\/pip/ }],
      output: lines('FROM python:3.12', 'USER root', 'RUN --mount=type=cache,target=/home/app/.cache/pip pip install --no-cache-dir flask'),
    },
    {
      name: 'export after the install is too late',
      code: lines('FROM python:3.12', 'RUN pip install flask && export PIP_NO_CACHE_DIR=1'),
      errors: [{ line: 2 }],
      output: lines('FROM python:3.12', 'RUN pip install --no-cache-dir flask && export PIP_NO_CACHE_DIR=1'),
    },
    {
      name: 'a plain shell variable is not exported to pip',
      code: lines('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1; pip install flask'),
      errors: [{ line: 2 }],
      output: lines('FROM python:3.12', 'RUN PIP_NO_CACHE_DIR=1; pip install --no-cache-dir flask'),
    },
  ],
});
