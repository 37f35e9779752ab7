import { lines, testRule } from '../testing/rule-tester';
import { aptLists } from './apt-lists';

testRule(aptLists, {
  valid: [
    { name: 'the classic clean RUN', code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*') },
    { name: 'rm -fr without the glob', code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -fr /var/lib/apt/lists') },
    { name: 'rm -r -f with split flags', code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -r -f /var/lib/apt/lists/*') },
    { name: 'long options and a trailing slash', code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y x && rm --recursive --force /var/lib/apt/lists/') },
    { name: 'apt-get dist-clean', code: lines('FROM debian:13', 'RUN apt-get update && apt-get install -y curl && apt-get dist-clean') },
    { name: 'find -delete on the lists', code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y x && find /var/lib/apt/lists -mindepth 1 -delete') },
    { name: 'cache mount on the lists directory', code: lines('FROM debian:12', 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl') },
    { name: 'tmpfs mount on a parent directory', code: lines('FROM debian:12', 'RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl') },
    { name: 'install without update writes no lists', code: lines('FROM debian:12', 'RUN apt-get install -y curl') },
    {
      name: 'a builder stage that is only copied from does not ship',
      code: lines('FROM debian:12 AS build', 'RUN apt-get update && apt-get install -y gcc', 'FROM scratch', 'COPY --from=build /out /out'),
    },
    { name: 'cleanup in the same if branch', code: lines('FROM debian:12', 'RUN if [ -n "$X" ]; then apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*; fi') },
    { name: 'cleaning before and after', code: lines('FROM debian:12', 'RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*') },
    {
      name: 'purging after the cleanup writes no lists (official images do this)',
      code: lines('FROM debian:12', 'RUN set -eux; apt-get update; apt-get install -y wget; rm -rf /var/lib/apt/lists/*; wget -q https://e.com/x; apt-get purge -y --auto-remove'),
    },
    { name: 'Windows images are not checked', code: lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN apt-get update') },
    { name: 'a heredoc with the cleanup', code: lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y git', 'rm -rf /var/lib/apt/lists/*', 'EOF') },
  ],
  invalid: [
    {
      name: 'one line',
      code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl'),
      errors: [{ line: 2, column: 5, message: /rm -rf \/var\/lib\/apt\/lists/ }],
      output: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y \\', '      curl \\', '      git'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y \\', '      curl \\', '      git && \\', '      rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'apt instead of apt-get',
      code: lines('FROM ubuntu:24.04', 'RUN apt update && apt install -y curl'),
      errors: [{ line: 2, message: /`apt update`/ }],
      output: lines('FROM ubuntu:24.04', 'RUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'aptitude',
      code: lines('FROM debian:12', 'RUN aptitude update && aptitude install -y curl'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', 'RUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'rm -rf of another path does not count (hadolint accepts it)',
      code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /tmp/build'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /tmp/build && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'cleanup only after ||',
      code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y x || rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y x || rm -rf /var/lib/apt/lists/* && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'cleanup before a second update',
      code: lines('FROM debian:12', 'RUN apt-get update && rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x'),
      errors: [{ line: 2, column: 54, message: /before the last command that writes them/ }],
      output: lines('FROM debian:12', 'RUN apt-get update && rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'heredoc script without set -e chains with &&',
      code: lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y git', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: lines('FROM debian:12', 'RUN <<EOF', 'apt-get update', 'apt-get install -y git && rm -rf /var/lib/apt/lists/*', 'EOF'),
    },
    {
      name: 'heredoc script under set -e gets its own line',
      code: lines('FROM debian:12', 'RUN <<EOF', 'set -eux', '  apt-get update', '  apt-get install -y git', 'EOF'),
      errors: [{ line: 4, column: 3 }],
      output: lines('FROM debian:12', 'RUN <<EOF', 'set -eux', '  apt-get update', '  apt-get install -y git', '  rm -rf /var/lib/apt/lists/*', 'EOF'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM debian:12', 'RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]'),
      errors: [{ line: 2, column: 24 }],
      output: lines('FROM debian:12', 'RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"]'),
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM debian:12 AS base', 'RUN apt-get update && apt-get install -y curl', 'FROM base', 'CMD ["curl"]'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12 AS base', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'FROM base', 'CMD ["curl"]'),
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl && \\\r\n    rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'a mount on the archives only does not cover the lists',
      code: lines('FROM debian:12', 'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', 'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'update alone while a later RUN installs: reported, not fixed',
      code: lines('FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl'),
      errors: [{ line: 2, message: /No automatic fix: the RUN at line 3/ }],
      output: null,
    },
    {
      name: 'a comment line inside the continuation',
      code: lines('FROM debian:12', 'RUN apt-get update && \\', '# tools we need', '    apt-get install -y curl'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', 'RUN apt-get update && \\', '# tools we need', '    apt-get install -y curl && \\', '    rm -rf /var/lib/apt/lists/*'),
    },
  ],
});
