import fc from 'fast-check';

/**
 * A grammar of Dockerfiles for property tests. It is biased towards what the rules look at
 * (package-manager commands, downloads, cleanups, cache mounts) and towards what parsers get wrong
 * (continuations, heredocs, quoting, `$(…)`, CRLF, the `# escape=` directive), so that generated
 * files both exercise fixes and stress the parser. Not every generated file is a valid Dockerfile:
 * a few pieces are deliberately broken, because lint must not throw on those either.
 */

/** One shell command, as written in a RUN. */
const packageCommand = fc.constantFrom(
  'apt-get update',
  'apt-get install -y --no-install-recommends curl ca-certificates',
  'apt-get -y upgrade',
  'apt update',
  'apt install -y git',
  'apk add curl',
  'apk update',
  'apk add --no-cache bash',
  'apk --update add openssl',
  'yum install -y httpd',
  'yum --enablerepo=epel install -y jq',
  'dnf install -y gcc',
  'microdnf install -y tar',
  'zypper --non-interactive install -y vim',
  'pip install flask',
  'pip3 install --upgrade pip',
  'python -m pip install -r requirements.txt',
  'pip install --no-cache-dir requests',
  'uv pip install --system django',
  'uv sync --frozen',
  'npm ci',
  'npm install -g typescript',
  'yarn install --frozen-lockfile',
  'pnpm install --frozen-lockfile',
  'composer install --no-dev',
  'gem install bundler',
  'bundle install',
  'conda install -y numpy',
  'mamba install -y scipy',
  'go build ./...',
  'go mod download',
  'cargo build --release',
  'cargo install ripgrep',
);

const downloadCommand = fc.constantFrom(
  'curl -fsSLO https://example.com/tool.tar.gz',
  'curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz',
  'wget -q https://example.com/pkg.deb',
  'wget -O /opt/x.zip https://example.com/x.zip',
  'tar -xzf tool.tar.gz',
  'tar -xzf /tmp/app.tgz -C /opt',
  'dpkg -i pkg.deb',
  'unzip /opt/x.zip -d /opt',
  'curl -fsSL https://example.com/get.sh | sh',
  // A download and its consumer together, so archive-left-behind has something to fix.
  'curl -fsSLO https://example.com/tool.tar.gz && tar -xzf tool.tar.gz',
  'wget -q https://example.com/pkg.deb && dpkg -i pkg.deb',
  'curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz -C /opt',
  "curl -fsSLo '/tmp/my file.zip' https://example.com/f.zip && unzip '/tmp/my file.zip'",
);

const cleanupCommand = fc.constantFrom(
  'rm -rf /var/lib/apt/lists/*',
  'apt-get clean',
  'yum clean all',
  'dnf clean all',
  'rm -rf /var/cache/apk/*',
  'npm cache clean --force',
  'rm -f tool.tar.gz',
  'rm -rf /root/.cache',
  'conda clean -afy',
);

const plainCommand = fc.constantFrom('true', 'cd /tmp', 'cd /', 'mkdir -p /app', 'set -eux', 'ls -la', 'echo done', 'export A=1', 'umask 022', ':');

/** Words with every kind of quoting and substitution the shell parser must carry through. */
const quotedWord = fc.oneof(
  fc.constantFrom("'single quoted'", '"double $HOME"', '"with \\"escaped\\" quotes"', "$'ansi\\n'", '${VAR:-default}', '"$(uname -m)"', '`date`', "'it'\\''s'", '"#not a comment"', '\\$literal'),
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '$', '"', "'", '\\', '(', ')', '`', '{', '}', '#', '*'), maxLength: 8 }).map((s) => `'${s.replace(/'/g, '')}'`),
);

/** `$( … )` nested `depth` times, with quotes at every level. */
function nestedSubstitution(depth: number): string {
  let inner = 'echo "x"';
  for (let i = 0; i < depth; i++) inner = i % 2 === 0 ? `echo "$(${inner})"` : `echo '$' $(${inner})`;
  return inner;
}

const echoCommand = fc.oneof(
  fc.array(quotedWord, { minLength: 1, maxLength: 3 }).map((words) => `echo ${words.join(' ')}`),
  fc.integer({ min: 1, max: 6 }).map(nestedSubstitution),
  fc.constantFrom('if [ -f /etc/os-release ]; then cat /etc/os-release; fi', 'for p in a b; do echo "$p"; done', '{ echo a; echo b; }', '(cd /tmp && ls)', 'test -d /x || mkdir /x'),
);

export const shellCommand = fc.oneof(
  { weight: 4, arbitrary: packageCommand },
  { weight: 2, arbitrary: downloadCommand },
  { weight: 2, arbitrary: cleanupCommand },
  { weight: 1, arbitrary: plainCommand },
  { weight: 2, arbitrary: echoCommand },
);

const separator = fc.constantFrom(' && ', ' && ', ' && ', '; ', ' || ', ' | ');

const mountFlag = fc.constantFrom(
  '--mount=type=cache,target=/root/.cache/pip ',
  '--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists ',
  '--mount=type=cache,target=/root/.npm ',
  '--mount=type=bind,source=.,target=/src ',
  '--mount=type=secret,id=token ',
  '--network=none ',
);

export interface Style {
  /** The line break of the file (a file may also get the odd other one, see `mixedBreak`). */
  eol: '\n' | '\r\n';
  /** The continuation character: `\` or, after `# escape=\``, a backtick. */
  escape: '\\' | '`';
}

/** A RUN in shell form: commands chained on one line or across continuation lines. */
function shellRun(style: Style) {
  return fc
    .record({
      mounts: fc.array(mountFlag, { maxLength: 2 }),
      first: shellCommand,
      rest: fc.array(fc.tuple(separator, shellCommand, fc.boolean(), fc.constantFrom('    ', '  ', '\t', ''), fc.boolean()), { maxLength: 5 }),
    })
    .map(({ mounts, first, rest }) => {
      let text = `RUN ${mounts.join('')}${first}`;
      for (const [sep, command, breakLine, indent, leadingAnd] of rest) {
        if (!breakLine) text += `${sep}${command}`;
        else if (leadingAnd && sep.trim() === '&&') text += ` ${style.escape}${style.eol}${indent}&& ${command}`;
        else text += `${sep.trimEnd()} ${style.escape}${style.eol}${indent}${command}`;
      }
      return text;
    });
}

/** A RUN in exec form, sometimes with a shell (`["sh", "-c", "…"]`), sometimes malformed JSON. */
const execRun = fc
  .tuple(fc.array(shellCommand, { minLength: 1, maxLength: 3 }), fc.constantFrom('sh-c', 'argv', 'broken'))
  .map(([commands, kind]) => {
    if (kind === 'sh-c') return `RUN ["/bin/sh", "-c", ${JSON.stringify(commands.join(' && '))}]`;
    if (kind === 'argv') return `RUN [${commands[0].split(' ').map((w) => JSON.stringify(w)).join(', ')}]`;
    return `RUN ["sh", "-c", "${commands[0]}"`;
  });

/** A RUN with a heredoc script, with or without `set -e`, terminated or (rarely) not. */
function heredocRun(style: Style) {
  return fc
    .record({
      delimiter: fc.constantFrom('EOF', 'EOT', 'SCRIPT'),
      dash: fc.boolean(),
      quoted: fc.boolean(),
      errexit: fc.boolean(),
      commands: fc.array(shellCommand, { minLength: 1, maxLength: 4 }),
      terminated: fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    })
    .map(({ delimiter, dash, quoted, errexit, commands, terminated }) => {
      const marker = `<<${dash ? '-' : ''}${quoted ? `"${delimiter}"` : delimiter}`;
      const indent = dash ? '\t' : '';
      const body = [...(errexit ? ['set -e'] : []), ...commands].map((c) => `${indent}${c}`);
      return [`RUN ${marker}`, ...body, ...(terminated ? [`${indent}${delimiter}`] : [])].join(style.eol);
    });
}

const otherInstruction = fc.constantFrom(
  'WORKDIR /app',
  'WORKDIR /tmp',
  'ENV PIP_NO_CACHE_DIR=1',
  'ENV DEBIAN_FRONTEND=noninteractive',
  'ENV NPM_CONFIG_CACHE=/tmp/npm',
  'ARG VERSION=1.0',
  'COPY . /app',
  'COPY --from=build /out /usr/local/bin/',
  'ADD https://example.com/big.tar.gz /tmp/',
  'USER nobody',
  'EXPOSE 8080',
  'CMD ["node", "main.js"]',
  'ENTRYPOINT ["/entry.sh"]',
  'LABEL a="b c"',
  'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'ONBUILD RUN pip install flask',
);

const commentLine = fc.constantFrom(
  '# a comment',
  '#',
  '# layerlint ignore=pip-no-cache -- a reason',
  '# layerlint ignore=not-a-rule',
  '# hadolint ignore=DL3009',
  '# layerlint stage-ignore=apt-lists',
  '',
  '   ',
);

function instruction(style: Style) {
  return fc.oneof(
    { weight: 5, arbitrary: shellRun(style) },
    { weight: 1, arbitrary: execRun },
    { weight: 2, arbitrary: heredocRun(style) },
    { weight: 2, arbitrary: otherInstruction },
    { weight: 1, arbitrary: commentLine },
  );
}

const baseImage = fc.constantFrom('debian:12', 'ubuntu:24.04', 'alpine:3.20', 'python:3.12-slim', 'node:20', 'fedora:40', 'centos:7', 'opensuse/leap', 'golang:1.22', 'scratch', '${BASE}');

function stage(style: Style, index: number) {
  return fc
    .tuple(baseImage, fc.boolean(), fc.array(instruction(style), { minLength: 0, maxLength: 6 }))
    .map(([image, named, body]) => [`FROM ${image}${named || index === 0 ? ` AS stage${index}` : ''}`, ...body]);
}

export interface GeneratedDockerfile {
  text: string;
  style: Style;
}

/**
 * A whole Dockerfile: optional directives and global ARGs, then one to three stages. Line breaks
 * are LF or CRLF, a few files mix them, and some end without a final line break.
 */
export const dockerfileArbitrary: fc.Arbitrary<GeneratedDockerfile> = fc
  .record({ eol: fc.constantFrom<Style['eol']>('\n', '\r\n'), escape: fc.constantFrom<Style['escape']>('\\', '\\', '\\', '`') })
  .chain((style) =>
    fc
      .record({
        syntax: fc.boolean(),
        globalArg: fc.boolean(),
        stages: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => stage(style, i)))),
        finalBreak: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        mixedBreak: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      })
      .map(({ syntax, globalArg, stages, finalBreak, mixedBreak }): GeneratedDockerfile => {
        const lines = [
          ...(syntax ? ['# syntax=docker/dockerfile:1'] : []),
          ...(style.escape === '`' ? ['# escape=`'] : []),
          ...(globalArg ? ['ARG BASE=debian:12'] : []),
          ...stages.flat(),
        ];
        let text = lines.join(style.eol) + (finalBreak ? style.eol : '');
        // One line break of the other kind, as a file edited on two systems has.
        if (mixedBreak) text = text.replace(style.eol === '\n' ? /\n/ : /\r\n/, style.eol === '\n' ? '\r\n' : '\n');
        return { text, style };
      }),
  );
