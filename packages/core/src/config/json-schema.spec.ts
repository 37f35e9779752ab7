import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from './json-schema';

describe('the published JSON Schema', () => {
  it('is in step with the rules (run `node tools/write-config-schema.mjs` after changing rule metadata)', () => {
    const published = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'layerlint.schema.json'), 'utf8'));
    expect(published).toEqual(configJsonSchema());
  });
});
