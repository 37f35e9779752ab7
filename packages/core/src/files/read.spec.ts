import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { decodeDockerfile, MAX_DOCKERFILE_BYTES, readDockerfile } from './read';

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

  it('refuses files over the size limit without reading them', async () => {
    const big = join(dir, 'Dockerfile.big');
    writeFileSync(big, Buffer.alloc(MAX_DOCKERFILE_BYTES + 1, 0x20));
    expect(await readDockerfile(big)).toMatchObject({ ok: false, fatal: { message: expect.stringMatching(/larger than the 8.0 MiB limit/) } });
  });

  it('says what is wrong with missing files and directories', async () => {
    expect(await readDockerfile(join(dir, 'nope'))).toMatchObject({ ok: false, fatal: { message: 'does not exist' } });
    expect(await readDockerfile(dir)).toMatchObject({ ok: false, fatal: { message: expect.stringMatching(/is a directory/) } });
  });
});
