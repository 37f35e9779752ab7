// Rewrites packages/core/schema/layerlint.schema.json from the rule metadata (build the core first).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'core');
const { configJsonSchema } = createRequire(import.meta.url)(join(core, 'dist', 'config', 'json-schema.js'));
writeFileSync(join(core, 'schema', 'layerlint.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
