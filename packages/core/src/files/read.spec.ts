import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { decodeDockerfile, MAX_DOCKERFILE_BYTES, readDockerfile, readDockerfileStream, readDockerfileSync } from './read';

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

  describe('from a stream (standard input)', () => {
    it('joins the chunks, strings or bytes, and checks them as a file', async () => {
      // The euro sign split across two chunks must still decode as one character.
      const euro = Buffer.from('€');
      expect(await readDockerfileStream([Buffer.from('FROM x\nRUN echo '), euro.subarray(0, 1), euro.subarray(1), 'ok\n'])).toEqual({ ok: true, text: 'FROM x\nRUN echo €ok\n' });
      expect(await readDockerfileStream([Buffer.from('FROM x\n\0')])).toEqual({ ok: false, fatal: expect.objectContaining({ message: expect.stringContaining('binary'), line: 2 }) });
    });

    it('stops reading endless input past the size limit', async () => {
      let chunks = 0;
      async function* endless() {
        for (;;) {
          chunks++;
          yield Buffer.alloc(1024 * 1024, 0x61);
        }
      }
      const result = await readDockerfileStream(endless());
      expect(result).toEqual({ ok: false, fatal: expect.objectContaining({ message: 'is larger than the 8.0 MiB limit for a Dockerfile' }) });
      expect(chunks).toBe(MAX_DOCKERFILE_BYTES / (1024 * 1024) + 1);
    });
  });
});
