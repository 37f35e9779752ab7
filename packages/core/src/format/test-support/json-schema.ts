/**
 * A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses, so the SARIF
 * tests check the official schema without a validator dependency. A keyword it does not know is
 * an error, never silently ignored: a newer schema with more keywords fails loudly instead of
 * passing unchecked.
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'id', 'title', 'description', 'default', 'definitions']);
const CHECKED = new Set([
  '$ref', 'type', 'properties', 'additionalProperties', 'required', 'enum', 'items', 'minItems',
  'uniqueItems', 'minimum', 'maximum', 'pattern', 'format', 'anyOf', 'oneOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Schema)[k])]));
  }
  return value;
}

const FORMATS: Record<string, (s: string) => boolean> = {
  // RFC 3986: a scheme, a colon, then no whitespace.
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s),
  'uri-reference': (s) => /^[^\s]*$/.test(s),
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
};

export class JsonSchemaValidator {
  constructor(private readonly root: Schema) {}

  /** Every violation as `path: problem`; empty when the value is valid. */
  validate(value: unknown): string[] {
    const errors: string[] = [];
    this.check(value, this.root, '$', errors);
    return errors;
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split('/')) {
      node = (node as Schema)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (!node || typeof node !== 'object') throw new Error(`unresolvable $ref ${ref}`);
    return node as Schema;
  }

  private check(value: unknown, schema: Schema, path: string, errors: string[]): void {
    for (const key of Object.keys(schema)) {
      if (!ANNOTATIONS.has(key) && !CHECKED.has(key)) throw new Error(`schema keyword "${key}" at ${path} is not supported by this validator`);
    }
    if (typeof schema.$ref === 'string') {
      // In draft-04 a $ref replaces the rest of its schema object.
      this.check(value, this.resolve(schema.$ref), path, errors);
      return;
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => matchesType(value, t))) {
        errors.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`);
        return;
      }
    }
    if (schema.enum !== undefined && !(schema.enum as unknown[]).some((e) => deepEqual(e, value))) {
      errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    }
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: ${value} is below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: ${value} is above ${schema.maximum}`);
    }
    if (typeof value === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: "${value}" does not match ${schema.pattern}`);
      if (typeof schema.format === 'string') {
        const test = FORMATS[schema.format];
        if (!test) throw new Error(`format "${schema.format}" is not supported by this validator`);
        if (!test(value)) errors.push(`${path}: "${value}" is not a valid ${schema.format}`);
      }
    }
    if (Array.isArray(value)) {
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
      if (schema.uniqueItems === true) {
        const seen = new Set<string>();
        value.forEach((item, i) => {
          const key = JSON.stringify(canonical(item));
          if (seen.has(key)) errors.push(`${path}[${i}]: duplicate item`);
          seen.add(key);
        });
      }
      if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
        value.forEach((item, i) => this.check(item, schema.items as Schema, `${path}[${i}]`, errors));
      } else if (schema.items !== undefined) {
        throw new Error(`tuple "items" at ${path} is not supported by this validator`);
      }
    }
    if (typeOf(value) === 'object') {
      const object = value as Schema;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) {
        if (!(name in object)) errors.push(`${path}: missing required property "${name}"`);
      }
      for (const [name, child] of Object.entries(object)) {
        if (name in properties) this.check(child, properties[name], `${path}.${name}`, errors);
        else if (schema.additionalProperties === false) errors.push(`${path}: property "${name}" is not allowed`);
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          this.check(child, schema.additionalProperties as Schema, `${path}.${name}`, errors);
        }
      }
    }
    if (Array.isArray(schema.anyOf)) {
      const passing = (schema.anyOf as Schema[]).filter((s) => this.validateAt(value, s, path).length === 0);
      if (passing.length === 0) errors.push(`${path}: matches none of anyOf`);
    }
    if (Array.isArray(schema.oneOf)) {
      const passing = (schema.oneOf as Schema[]).filter((s) => this.validateAt(value, s, path).length === 0);
      if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of oneOf, not exactly 1`);
    }
  }

  private validateAt(value: unknown, schema: Schema, path: string): string[] {
    const errors: string[] = [];
    this.check(value, schema, path, errors);
    return errors;
  }
}
