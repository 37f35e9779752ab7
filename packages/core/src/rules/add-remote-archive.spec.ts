import { lines, testRule } from '../testing/rule-tester';
import { addRemoteArchive } from './add-remote-archive';

const URL = 'https://example.com/dist/tool-1.2.tar.gz';

testRule(addRemoteArchive, {
  valid: [
    { name: 'streamed in one RUN', code: lines('FROM debian:12', `RUN curl -fsSL ${URL} | tar -xz -C /opt`) },
    { name: 'ADD --unpack lets BuildKit extract it', code: lines('# syntax=docker/dockerfile:1.17', 'FROM debian:12', `ADD --unpack=true ${URL} /opt/`) },
    { name: 'a remote archive that is never extracted (shipped on purpose)', code: lines('FROM debian:12', `ADD ${URL} /srv/downloads/`) },
    { name: 'a remote file that is not an archive', code: lines('FROM debian:12', 'ADD https://example.com/tool /usr/local/bin/tool', 'RUN chmod +x /usr/local/bin/tool') },
    { name: 'a local archive (ADD extracts it itself)', code: lines('FROM debian:12', 'ADD rootfs.tar.gz /') },
    { name: 'a builder stage that does not ship', code: lines('FROM debian:12 AS fetch', `ADD ${URL} /tmp/`, 'RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt', 'FROM scratch', 'COPY --from=fetch /opt /opt') },
    { name: 'another file is extracted', code: lines('FROM debian:12', `ADD ${URL} /tmp/`, 'RUN tar -xzf /tmp/other.tar.gz -C /opt') },
    { name: 'extracted in another stage', code: lines('FROM debian:12 AS a', `ADD ${URL} /tmp/`, 'FROM debian:12', 'RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt') },
    { name: 'git repository URL', code: lines('FROM debian:12', 'ADD https://github.com/moby/buildkit.git#v0.14.0 /src') },
    { name: 'COPY, not ADD', code: lines('FROM debian:12', 'COPY tool-1.2.tar.gz /tmp/', 'RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt') },
  ],
  invalid: [
    {
      name: 'ADD into a directory, extracted and removed later',
      code: lines('FROM debian:12', `ADD ${URL} /tmp/`, 'RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt && rm /tmp/tool-1.2.tar.gz'),
      errors: [{ line: 2, column: 1, message: /RUN at line 3 extracts it.*ADD --unpack/ }],
      output: null,
    },
    {
      name: 'ADD to a file name',
      code: lines('FROM debian:12', `ADD ${URL} /tmp/tool.tgz`, 'RUN tar xzf /tmp/tool.tgz -C /opt'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'relative destination under WORKDIR',
      code: lines('FROM debian:12', 'WORKDIR /build', `ADD ${URL} .`, 'RUN tar -xzf tool-1.2.tar.gz'),
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'a zip extracted with unzip',
      code: lines('FROM debian:12', 'ADD https://example.com/app.zip /tmp/app.zip', 'RUN unzip /tmp/app.zip -d /opt/app'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'a .deb installed with dpkg',
      code: lines('FROM debian:12', 'ADD https://example.com/pkg_1.0_amd64.deb /tmp/', 'RUN dpkg -i /tmp/pkg_1.0_amd64.deb'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'extracted in a heredoc',
      code: lines('FROM debian:12', `ADD ${URL} /tmp/`, 'RUN <<EOF', 'set -e', 'tar -xzf /tmp/tool-1.2.tar.gz -C /opt', 'EOF'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'a query string does not hide the archive',
      code: lines('FROM debian:12', 'ADD https://example.com/get/tool.tar.xz?version=2 /tmp/', 'RUN tar -xJf /tmp/tool.tar.xz -C /opt'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'several RUNs later, in the final stage built FROM a base',
      code: lines('FROM debian:12 AS base', 'FROM base', `ADD ${URL} /tmp/`, 'RUN echo hi', 'RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt'),
      errors: [{ line: 3, message: /line 5/ }],
      output: null,
    },
    {
      name: 'extracted with bsdtar through sh -c',
      code: lines('FROM debian:12', `ADD ${URL} /tmp/`, 'RUN sh -c "bsdtar -xf /tmp/tool-1.2.tar.gz -C /opt"'),
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'gunzip -k of an ADDed .gz',
      code: lines('FROM debian:12', 'ADD https://example.com/data.json.gz /data/', 'RUN gunzip -k /data/data.json.gz'),
      errors: [{ line: 2 }],
      output: null,
    },
  ],
});
