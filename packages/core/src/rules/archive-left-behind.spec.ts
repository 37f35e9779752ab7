import { lines, testRule } from '../testing/rule-tester';
import { archiveLeftBehind } from './archive-left-behind';

const URL = 'https://example.com/dist';

testRule(archiveLeftBehind, {
  valid: [
    { name: 'streamed into tar, no file', code: lines('FROM debian:12', `RUN curl -fsSL ${URL}/x.tar.gz | tar -xz -C /opt`) },
    { name: 'removed after extraction', code: lines('FROM debian:12', `RUN curl -fsSLo x.tar.gz ${URL}/x.tar.gz && tar -xzf x.tar.gz && rm x.tar.gz`) },
    { name: 'removed by a glob over its directory', code: lines('FROM debian:12', `RUN wget -O /tmp/x.tgz ${URL}/x.tgz && tar xzf /tmp/x.tgz -C /opt && rm -rf /tmp/*`) },
    { name: 'removed in a later RUN (cross-layer-delete reports that)', code: lines('FROM debian:12', `RUN wget -O /tmp/x.tgz ${URL}/x.tgz && tar xzf /tmp/x.tgz -C /opt`, 'RUN rm /tmp/x.tgz') },
    { name: 'downloaded but not extracted (a binary)', code: lines('FROM debian:12', `RUN curl -fsSLo /usr/local/bin/tool ${URL}/tool && chmod +x /usr/local/bin/tool`) },
    { name: 'gunzip replaces the archive', code: lines('FROM debian:12', `RUN curl -fsSLO ${URL}/data.gz && gunzip data.gz`) },
    { name: 'downloaded into a tmpfs mount', code: lines('FROM debian:12', `RUN --mount=type=tmpfs,target=/tmp curl -o /tmp/x.zip ${URL}/x.zip && unzip /tmp/x.zip -d /opt`) },
    {
      name: 'a builder stage that does not ship',
      code: lines('FROM debian:12 AS fetch', `RUN curl -o /x.tgz ${URL}/x.tgz && tar xzf /x.tgz -C /opt`, 'FROM scratch', 'COPY --from=fetch /opt /opt'),
    },
    { name: 'written to stdout', code: lines('FROM debian:12', `RUN curl -fsSL -o - ${URL}/x.tgz | tar xz`) },
    { name: 'removed in the same branch', code: lines('FROM debian:12', `RUN if true; then curl -o x.deb ${URL}/x.deb && dpkg -i x.deb && rm x.deb; fi`) },
    { name: 'wget piped to a shell', code: lines('FROM debian:12', `RUN wget -qO- ${URL}/install.sh | sh`) },
    { name: 'removed after cd back', code: lines('FROM debian:12', 'WORKDIR /src', `RUN curl -O ${URL}/a.tgz && tar xzf a.tgz && cd a && make && cd .. && rm a.tgz`) },
  ],
  invalid: [
    {
      name: 'curl -o and tar',
      code: lines('FROM debian:12', `RUN curl -fsSLo /tmp/x.tar.gz ${URL}/x.tar.gz && tar -xzf /tmp/x.tar.gz -C /opt`),
      errors: [{ line: 2, column: 5, message: /\/tmp\/x\.tar\.gz/ }],
      output: lines('FROM debian:12', `RUN curl -fsSLo /tmp/x.tar.gz ${URL}/x.tar.gz && tar -xzf /tmp/x.tar.gz -C /opt && rm -f /tmp/x.tar.gz`),
    },
    {
      name: 'wget with the name from the URL, and unzip',
      code: lines('FROM debian:12', `RUN wget ${URL}/app.zip && unzip app.zip -d /opt`),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', `RUN wget ${URL}/app.zip && unzip app.zip -d /opt && rm -f app.zip`),
    },
    {
      name: 'curl -O and dpkg -i',
      code: lines('FROM debian:12', `RUN curl -fsSLO ${URL}/pkg_1.0_amd64.deb && dpkg -i pkg_1.0_amd64.deb`),
      errors: [{ line: 2, message: /installed/ }],
      output: lines('FROM debian:12', `RUN curl -fsSLO ${URL}/pkg_1.0_amd64.deb && dpkg -i pkg_1.0_amd64.deb && rm -f pkg_1.0_amd64.deb`),
    },
    {
      name: 'old-style tar bundle',
      code: lines('FROM debian:12', `RUN wget -O /tmp/p.tgz ${URL}/p.tgz && tar xzf /tmp/p.tgz -C /opt`),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', `RUN wget -O /tmp/p.tgz ${URL}/p.tgz && tar xzf /tmp/p.tgz -C /opt && rm -f /tmp/p.tgz`),
    },
    {
      name: 'continuation lines',
      code: lines('FROM debian:12', `RUN curl -fsSL -o node.tar.xz ${URL}/node.tar.xz \\`, '    && tar -xJf node.tar.xz -C /usr/local --strip-components=1'),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', `RUN curl -fsSL -o node.tar.xz ${URL}/node.tar.xz \\`, '    && tar -xJf node.tar.xz -C /usr/local --strip-components=1 \\', '    && rm -f node.tar.xz'),
    },
    {
      name: 'gunzip -k keeps the archive',
      code: lines('FROM debian:12', `RUN curl -fsSLO ${URL}/data.gz && gunzip -k data.gz`),
      errors: [{ line: 2 }],
      output: lines('FROM debian:12', `RUN curl -fsSLO ${URL}/data.gz && gunzip -k data.gz && rm -f data.gz`),
    },
    {
      name: 'removal only after ||',
      code: lines('FROM debian:12', `RUN curl -o x.tgz ${URL}/x.tgz && tar xzf x.tgz || rm x.tgz`),
      errors: [{ line: 2, message: /may not run/ }],
      output: lines('FROM debian:12', `RUN curl -o x.tgz ${URL}/x.tgz && tar xzf x.tgz || rm x.tgz && rm -f x.tgz`),
    },
    {
      name: 'cd elsewhere afterwards: the fix names the absolute path',
      code: lines('FROM debian:12', 'WORKDIR /src', `RUN curl -O ${URL}/a.tgz && tar xzf a.tgz && cd /opt`),
      errors: [{ line: 3 }],
      output: lines('FROM debian:12', 'WORKDIR /src', `RUN curl -O ${URL}/a.tgz && tar xzf a.tgz && cd /opt && rm -f /src/a.tgz`),
    },
    {
      name: 'cd elsewhere with an unknown working directory: reported, not fixed',
      code: lines('FROM debian:12', `RUN curl -O ${URL}/a.tgz && tar xzf a.tgz && cd /opt`),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'heredoc script',
      code: lines('FROM debian:12', 'RUN <<EOF', 'set -e', `curl -fsSLo /tmp/t.zip ${URL}/t.zip`, 'unzip /tmp/t.zip -d /opt', 'EOF'),
      errors: [{ line: 4, column: 1 }],
      output: lines('FROM debian:12', 'RUN <<EOF', 'set -e', `curl -fsSLo /tmp/t.zip ${URL}/t.zip`, 'unzip /tmp/t.zip -d /opt', 'rm -f /tmp/t.zip', 'EOF'),
    },
    {
      name: 'used by a later instruction: reported, not fixed',
      code: lines('FROM debian:12', `RUN curl -o /x.tgz ${URL}/x.tgz && tar xzf /x.tgz -C /opt`, 'RUN sha256sum /x.tgz > /x.sum'),
      errors: [{ line: 2, message: /No automatic fix: line 3/ }],
      output: null,
    },
    {
      name: 'long --output option and a variable from ENV',
      code: lines('FROM debian:12', 'ENV V=1.2.3', `RUN curl --output /tmp/tool-$V.zip ${URL}/tool.zip && unzip /tmp/tool-$V.zip -d /opt`),
      errors: [{ line: 3, message: /\/tmp\/tool-1\.2\.3\.zip/ }],
      output: lines('FROM debian:12', 'ENV V=1.2.3', `RUN curl --output /tmp/tool-$V.zip ${URL}/tool.zip && unzip /tmp/tool-$V.zip -d /opt && rm -f /tmp/tool-1.2.3.zip`),
    },
  ],
});
