/**
 * A small JSON Schema checker for the keywords zod emits for our documents
 * (type, const, enum, properties, required, additionalProperties, items,
 * anyOf, minimum/maximum, minLength, pattern). Returns the paths that fail.
 */
type Schema = { readonly [key: string]: unknown };

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

export const conformsTo = (value: unknown, schema: unknown, path = '$'): string[] => {
  const s = schema as Schema;
  const problems: string[] = [];
  if (Array.isArray(s['anyOf'])) {
    if (!(s['anyOf'] as unknown[]).some((alt) => conformsTo(value, alt, path).length === 0)) problems.push(`${path}: matches no alternative`);
    return problems;
  }
  if (s['type'] !== undefined) {
    const allowed = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
      return [`${path}: expected ${allowed.join('|')}, got ${actual}`];
    }
  }
  if ('const' in s && value !== s['const']) problems.push(`${path}: expected const ${String(s['const'])}`);
  if (Array.isArray(s['enum']) && !(s['enum'] as unknown[]).includes(value)) problems.push(`${path}: ${String(value)} not in enum`);
  if (typeof value === 'string') {
    if (typeof s['minLength'] === 'number' && value.length < s['minLength']) problems.push(`${path}: too short`);
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern']).test(value)) problems.push(`${path}: does not match pattern`);
  }
  if (typeof value === 'number') {
    if (typeof s['minimum'] === 'number' && value < s['minimum']) problems.push(`${path}: below minimum`);
    if (typeof s['maximum'] === 'number' && value > s['maximum']) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value) && s['items'] !== undefined) {
    value.forEach((item, i) => problems.push(...conformsTo(item, s['items'], `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as { [key: string]: unknown };
    const props = (s['properties'] ?? {}) as { [key: string]: unknown };
    for (const key of (s['required'] ?? []) as string[]) if (!(key in obj)) problems.push(`${path}.${key}: missing`);
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) problems.push(...conformsTo(v, props[key], `${path}.${key}`));
      else if (s['additionalProperties'] === false) problems.push(`${path}.${key}: not allowed`);
    }
  }
  return problems;
};
