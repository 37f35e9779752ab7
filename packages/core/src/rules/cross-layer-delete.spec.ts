import { lines, testRule } from '../testing/rule-tester';
import { crossLayerDelete } from './cross-layer-delete';

const URL = 'https://example.com/dist';

testRule(crossLayerDelete, {
  valid: [
    { name: 'removed in the same RUN', code: lines('FROM debian:12', `RUN curl -O ${URL}/big.tar.gz && tar xzf big.tar.gz && rm big.tar.gz`) },
    { name: 'removing files of the base image is out of scope', code: lines('FROM debian:12', 'RUN rm -rf /usr/share/doc') },
    {
      name: 'created in a stage that only gets copied from',
      code: lines('FROM debian:12 AS build', `RUN curl -o /big.tgz ${URL}/big.tgz`, 'RUN rm /big.tgz', 'FROM scratch', 'COPY --from=build /opt /opt'),
    },
    { name: 'mkdir leaves no bytes', code: lines('FROM debian:12', 'RUN mkdir -p /work/tmp', 'RUN rm -rf /work/tmp') },
    { name: 'something inside a copied directory may come from the base image', code: lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN rm -rf node_modules/.cache') },
    {
      name: 'already cleaned in the creating RUN',
      code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'RUN rm -rf /var/lib/apt/lists/*'),
    },
    { name: 'an unknown path', code: lines('FROM debian:12', `RUN curl -o /tmp/big.tgz ${URL}/big.tgz`, 'RUN rm -rf "$(cat /tmp/list)"') },
    { name: 'written into a cache mount', code: lines('FROM debian:12', `RUN --mount=type=cache,target=/downloads curl -o /downloads/big.tgz ${URL}/big.tgz`, 'RUN rm /downloads/big.tgz') },
    { name: 'a different file in the same directory', code: lines('FROM debian:12', `RUN curl -o /tmp/a.tgz ${URL}/a.tgz`, 'RUN rm /tmp/b.tgz') },
    {
      name: 'pip with --no-cache-dir leaves no cache to delete',
      code: lines('FROM python:3.12', 'USER root', 'RUN pip install --no-cache-dir flask', 'RUN rm -rf /root/.cache/pip'),
    },
    { name: 'created in another stage', code: lines('FROM debian:12 AS a', `RUN curl -o /big.tgz ${URL}/big.tgz`, 'FROM debian:12', 'RUN rm -f /big.tgz') },
  ],
  invalid: [
    {
      name: 'the classic: download, then rm in a later RUN',
      code: lines('FROM debian:12', `RUN curl -O ${URL}/large-file.tar.gz`, 'RUN rm large-file.tar.gz'),
      errors: [{ line: 3, column: 5, message: /RUN at line 2/ }],
      output: lines('FROM debian:12', `RUN curl -O ${URL}/large-file.tar.gz && rm large-file.tar.gz`),
    },
    {
      name: 'apt lists removed in a later RUN',
      code: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'RUN rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 3, message: /apt-get update/ }],
      output: lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'apt-get clean in a later RUN',
      code: lines('FROM debian:12', 'RUN apt-get install -y curl', 'RUN apt-get clean'),
      errors: [{ line: 3 }],
      output: lines('FROM debian:12', 'RUN apt-get install -y curl && apt-get clean'),
    },
    {
      name: 'several removals move together, comments stay',
      code: lines('FROM debian:12', `RUN wget -O /tmp/a.tgz ${URL}/a.tgz && \\`, `    wget -O /tmp/b.tgz ${URL}/b.tgz`, '# clean up', 'RUN rm /tmp/a.tgz && rm -f /tmp/b.tgz'),
      errors: [{ line: 5, column: 5 }, { line: 5, column: 22 }],
      output: lines('FROM debian:12', `RUN wget -O /tmp/a.tgz ${URL}/a.tgz && \\`, `    wget -O /tmp/b.tgz ${URL}/b.tgz && \\`, '    rm /tmp/a.tgz && \\', '    rm -f /tmp/b.tgz', '# clean up'),
    },
    {
      name: 'an inert instruction between does not matter',
      code: lines('FROM debian:12', `RUN curl -o /opt/x.bin ${URL}/x.bin`, 'LABEL a=b', 'EXPOSE 80', 'RUN rm /opt/x.bin'),
      errors: [{ line: 5 }],
      output: lines('FROM debian:12', `RUN curl -o /opt/x.bin ${URL}/x.bin && rm /opt/x.bin`, 'LABEL a=b', 'EXPOSE 80'),
    },
    {
      name: 'a file from COPY: reported with advice, no fix',
      code: lines('FROM debian:12', 'COPY install.sh /tmp/install.sh', 'RUN /bin/sh /tmp/install.sh', 'RUN rm -rf /tmp/install.sh'),
      errors: [{ line: 4, message: /COPY at line 2.*\.dockerignore/ }],
      output: null,
    },
    {
      name: 'a RUN between uses the file: no fix',
      code: lines('FROM debian:12', `RUN wget -O /tmp/p.tgz ${URL}/p.tgz`, 'RUN tar -xzf /tmp/p.tgz -C /opt', 'RUN rm /tmp/p.tgz'),
      errors: [{ line: 4, message: /No automatic fix: the RUN at line 3 uses the removed paths/ }],
      output: null,
    },
    {
      name: 'WORKDIR between: no fix',
      code: lines('FROM debian:12', `RUN curl -o /tmp/x.tgz ${URL}/x.tgz`, 'WORKDIR /app', 'RUN rm /tmp/x.tgz'),
      errors: [{ line: 4, message: /WORKDIR at line 3 lies between/ }],
      output: null,
    },
    {
      name: 'the removing RUN does more than remove: no fix',
      code: lines('FROM debian:12', `RUN curl -o /tmp/x.tgz ${URL}/x.tgz`, 'RUN rm /tmp/x.tgz && echo done'),
      errors: [{ line: 3, message: /does more than remove files/ }],
      output: null,
    },
    {
      name: 'ADD of a URL then rm: no fix',
      code: lines('FROM debian:12', `ADD ${URL}/x.tgz /tmp/`, 'RUN tar xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz'),
      errors: [{ line: 3, message: /ADD at line 2/ }],
      output: null,
    },
    {
      name: 'yum clean all in a later RUN (a package manager\'s own clean)',
      code: lines('FROM centos:7', 'RUN yum install -y httpd', 'RUN yum clean all'),
      errors: [{ line: 3, message: /yum install/ }],
      output: lines('FROM centos:7', 'RUN yum install -y httpd && yum clean all'),
    },
    {
      name: 'the pip cache removed later',
      code: lines('FROM python:3.12', 'USER root', 'RUN pip install flask', 'RUN rm -rf /root/.cache/pip'),
      errors: [{ line: 4, message: /pip install/ }],
      output: lines('FROM python:3.12', 'USER root', 'RUN pip install flask && rm -rf /root/.cache/pip'),
    },
    {
      name: 'CRLF and a leading-&& creator',
      code: `FROM debian:12\r\nRUN curl -O ${URL}/a.tgz \\\r\n    && tar xzf a.tgz -C /opt\r\nRUN rm -f a.tgz\r\n`,
      errors: [{ line: 4 }],
      output: `FROM debian:12\r\nRUN curl -O ${URL}/a.tgz \\\r\n    && tar xzf a.tgz -C /opt \\\r\n    && rm -f a.tgz\r\n`,
    },
    {
      name: 'a removing RUN with a cache mount is not moved',
      code: lines('FROM debian:12', `RUN curl -o /x.bin ${URL}/x.bin`, 'RUN --mount=type=cache,target=/c rm /x.bin'),
      errors: [{ line: 3, message: /has flags/ }],
      output: null,
    },
  ],
});
