import { allRules } from '../rules';

const LEVEL = { enum: ['off', 'warn', 'error'] };

/**
 * The JSON Schema of layerlint.config.json, built from the rule metadata so editors complete
 * every rule id and alias. schema/layerlint.schema.json holds its output (a test keeps the two equal;
 * `node tools/write-config-schema.mjs` rewrites it).
 */
export function configJsonSchema(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const rule of allRules) {
    const options = rule.meta.options ?? {};
    const optionProperties = Object.fromEntries(
      Object.entries(options).map(([name, spec]) => [
        name,
        spec.type === 'string[]' ? { type: 'array', items: { type: 'string' }, description: spec.description } : { type: spec.type, description: spec.description },
      ]),
    );
    const setting = {
      description: `${rule.meta.description} (${rule.meta.docs})`,
      oneOf: [LEVEL, { type: 'array', prefixItems: [LEVEL, { type: 'object', properties: optionProperties, additionalProperties: false }], minItems: 1, maxItems: 2 }],
    };
    for (const key of [rule.meta.id, ...rule.meta.aliases]) rules[key] = setting;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/layerlint/layerlint/blob/main/packages/core/schema/layerlint.schema.json',
    title: 'layerlint configuration (layerlint.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      root: { type: 'boolean', description: 'Stop looking for layerlint.config.json files in parent directories.' },
      rules: { type: 'object', description: 'Rule levels by id or alias: "off", "warn", "error", or [level, options].', properties: rules, additionalProperties: false },
      stages: {
        description: 'Stages the cache rules check: "shipped" (the final stage and the stages it builds FROM; default), "all", or { "targets": [...] } for the stages built with --target.',
        oneOf: [
          { enum: ['shipped', 'all'] },
          { type: 'object', properties: { targets: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } }, required: ['targets'], additionalProperties: false },
        ],
      },
      failureThreshold: { enum: ['error', 'warn', 'none'], description: 'What fails the run: errors (default), warnings too, or nothing.' },
      reportUnusedSuppressions: { type: 'boolean', description: 'Report suppression comments that suppress nothing.' },
    },
  };
}
