import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { decodeDockerfile, MAX_DOCKERFILE_BYTES, readDockerfile, readDockerfileSync } from './read';

describe('reading a Dockerfile', () => {
  const dir = tempDir('layerlint-read-');

  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeDockerfile(Buffer.from('FROM x\n'))).toEqual({ ok: true, text: 'FROM x\n' });
    expect(decodeDockerfile(Buffer.from('\uFEFFFROM x\n'))).toEqual({ ok: true, text: '\uFEFFFROM x\n' });
  });

  it.each([
    ['binary data', Buffer.from([0x46, 0x52, 0x0a, 0x00, 0x01]), /binary file/, 2],
    ['UTF-16', Buffer.from('\uFEFFFROM x', 'utf16le'), /UTF-16/, 1],
    ['invalid UTF-8', Buffer.from([0x46, 0x0a, 0x0a, 0xc3, 0x28]), /not valid UTF-8/, 3],
  ])('refuses %s with the line', (_name, bytes, message, line) => {
    const result = decodeDockerfile(bytes);
    expect(result).toMatchObject({ ok: false, fatal: { kind: 'io', message: expect.stringMatching(message), line } });
  });

  // The CLI and the executors read synchronously, the image command asynchronously: both alike.
  const readers = [
    ['readDockerfile', readDockerfile],
    ['readDockerfileSync', readDockerfileSync],
  ] as const;

  it.each(readers)('%s reads a Dockerfile', async (_name, read) => {
    const path = join(dir, 'Dockerfile.ok');
    writeFileSync(path, '\uFEFFFROM x\n');
    expect(await read(path)).toEqual({ ok: true, text: '\uFEFFFROM x\n' });
  });

  it.each(readers)('%s refuses files over the size limit without reading them', async (_name, read) => {
    const big = join(dir, 'Dockerfile.big');
    writeFileSync(big, Buffer.alloc(MAX_DOCKERFILE_BYTES + 1, 0x20));
    expect(await read(big)).toMatchObject({ ok: false, fatal: { message: expect.stringMatching(/larger than the 8.0 MiB limit/) } });
  });

  it.each(readers)('%s says what is wrong with missing files and directories', async (_name, read) => {
    expect(await read(join(dir, 'nope'))).toMatchObject({ ok: false, fatal: { message: 'does not exist' } });
    expect(await read(dir)).toMatchObject({ ok: false, fatal: { message: expect.stringMatching(/is a directory/) } });
  });
});
