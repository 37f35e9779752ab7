import { lines, testRule } from '../testing/rule-tester';
import { zypperClean } from './zypper-clean';

testRule(zypperClean, {
  valid: [
    { name: 'zypper clean -a after the install', code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper clean -a') },
    { name: 'zypper cc --all', code: lines('FROM opensuse/tumbleweed', 'RUN zypper --non-interactive install -y curl && zypper cc --all') },
    { name: 'metadata and raw metadata cleaned with bundled flags', code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper cc -mM') },
    { name: 'rm -rf of the cache contents', code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && rm -rf /var/cache/zypp/*') },
    { name: 'rm -r -f of the cache directory', code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && rm -r -f /var/cache/zypp/') },
    { name: 'cache mount on /var/cache/zypp', code: lines('FROM opensuse/leap:15.6', 'RUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl') },
    { name: 'tmpfs mount on a parent directory', code: lines('FROM opensuse/leap:15.6', 'RUN --mount=type=tmpfs,target=/var/cache zypper -n in curl') },
    { name: 'cache relocated through ENV with a mount on it', code: lines('FROM opensuse/leap:15.6', 'ENV ZYPP_CACHE=/build/zypp', 'RUN --mount=type=cache,target=/build zypper --cache-dir $ZYPP_CACHE -n in curl') },
    { name: 'a builder stage that is only copied from does not ship', code: lines('FROM opensuse/leap:15.6 AS build', 'RUN zypper -n in gcc', 'FROM scratch', 'COPY --from=build /out /out') },
    { name: 'cleaning before and after', code: lines('FROM opensuse/leap:15.6', 'RUN zypper clean -a && zypper -n ref && zypper -n in curl && zypper clean -a') },
    { name: 'a heredoc with the clean', code: lines('FROM opensuse/leap:15.6', 'RUN <<EOF', 'zypper -n in git', 'zypper clean -a', 'EOF') },
    { name: 'commands that do not refresh repositories', code: lines('FROM opensuse/leap:15.6', 'RUN zypper lr && zypper -n rm vim && zypper addlock kernel-default') },
    { name: 'clean in the same if branch', code: lines('FROM opensuse/leap:15.6', 'RUN if [ -n "$X" ]; then zypper -n in x && zypper clean -a; fi') },
  ],
  invalid: [
    {
      name: 'one line',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl'),
      errors: [{ line: 2, column: 5, message: /\/var\/cache\/zypp.*zypper clean -a/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper clean -a'),
    },
    {
      name: 'plain zypper clean removes packages only (hadolint accepts it)',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper clean'),
      errors: [{ line: 2 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper clean && zypper clean -a'),
    },
    {
      name: 'zypper cc without -a likewise',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n up && zypper cc'),
      errors: [{ line: 2, message: /`zypper up`/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n up && zypper cc && zypper clean -a'),
    },
    {
      name: 'cleaning one repository leaves the others',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper clean -a repo-oss'),
      errors: [{ line: 2 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl && zypper clean -a repo-oss && zypper clean -a'),
    },
    {
      name: 'continuation lines with && at the end',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n ref && \\', '    zypper -n install \\', '      curl'),
      errors: [{ line: 3, column: 5 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n ref && \\', '    zypper -n install \\', '      curl && \\', '      zypper clean -a'),
    },
    {
      name: 'continuation lines with && leading',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n ref \\', '    && zypper -n patch'),
      errors: [{ line: 3, message: /`zypper patch`/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n ref \\', '    && zypper -n patch \\', '    && zypper clean -a'),
    },
    {
      name: 'heredoc without set -e chains with &&',
      code: lines('FROM opensuse/leap:15.6', 'RUN <<EOF', 'zypper -n in git', 'EOF'),
      errors: [{ line: 3, column: 1 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN <<EOF', 'zypper -n in git && zypper clean -a', 'EOF'),
    },
    {
      name: 'heredoc under set -e gets its own line',
      code: lines('FROM opensuse/leap:15.6', 'RUN <<EOF', 'set -e', 'zypper -n dup', 'EOF'),
      errors: [{ line: 4 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN <<EOF', 'set -e', 'zypper -n dup', 'zypper clean -a', 'EOF'),
    },
    {
      name: 'exec form through sh -c',
      code: lines('FROM opensuse/leap:15.6', 'RUN ["sh", "-c", "zypper -n in curl"]'),
      errors: [{ line: 2, column: 19 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN ["sh", "-c", "zypper -n in curl && zypper clean -a"]'),
    },
    {
      name: 'clean only after ||',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl || zypper clean -a'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl || zypper clean -a && zypper clean -a'),
    },
    {
      name: 'clean only inside an if',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl; if [ -z "$KEEP" ]; then zypper clean -a; fi'),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in curl; if [ -z "$KEEP" ]; then zypper clean -a; fi && zypper clean -a'),
    },
    {
      name: 'clean before the last install',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in a && zypper clean -a && zypper -n in b'),
      errors: [{ line: 2, column: 42, message: /before the last command/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper -n in a && zypper clean -a && zypper -n in b && zypper clean -a'),
    },
    {
      name: 'a mount on another path does not exempt',
      code: lines('FROM opensuse/leap:15.6', 'RUN --mount=type=cache,target=/var/cache/zypper zypper -n in curl'),
      errors: [{ line: 2 }],
      output: lines('FROM opensuse/leap:15.6', 'RUN --mount=type=cache,target=/var/cache/zypper zypper -n in curl && zypper clean -a'),
    },
    {
      name: 'the base stage of the final stage ships',
      code: lines('FROM opensuse/leap:15.6 AS base', 'RUN zypper -n in curl', 'FROM base', 'CMD ["curl"]'),
      errors: [{ line: 2 }],
      output: lines('FROM opensuse/leap:15.6 AS base', 'RUN zypper -n in curl && zypper clean -a', 'FROM base', 'CMD ["curl"]'),
    },
    {
      name: 'a relocated --cache-dir is removed with rm',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper --cache-dir /opt/zypp -n in curl'),
      errors: [{ line: 2, message: /\/opt\/zypp/ }],
      output: lines('FROM opensuse/leap:15.6', 'RUN zypper --cache-dir /opt/zypp -n in curl && rm -rf /opt/zypp/*'),
    },
    {
      name: 'a later RUN installs without refreshing: reported, not fixed',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper -n ref', 'RUN zypper --no-refresh -n in curl && zypper clean -a'),
      errors: [{ line: 2, message: /No automatic fix: the RUN at line 3/ }],
      output: null,
    },
  ],
});
