/** camelCase -> snake_case, at the type level and at run time (for the on-disk documents of spec 12). */

type SnakeName<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeName<T>}`
  : S;

export type SnakeKeys<T> = T extends readonly (infer U)[]
  ? SnakeKeys<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeName<K> : K]: SnakeKeys<T[K]> }
    : T;

const names = new Map<string, string>();

/** Field names are few and repeat in every entry: each is converted once. */
export const snakeName = (name: string): string => {
  let snake = names.get(name);
  if (snake === undefined) {
    snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (names.size < 10_000) names.set(name, snake);
  }
  return snake;
};

/**
 * A deep copy with every object key in snake_case. Only for documents whose
 * keys are all field names (no user data used as keys), which holds for the
 * register and the log.
 */
export const toSnakeKeys = <T>(value: T): SnakeKeys<T> => convert(value) as SnakeKeys<T>;

const convert = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(convert);
  const out: { [key: string]: unknown } = {};
  const record = value as { readonly [key: string]: unknown };
  for (const k of Object.keys(record)) {
    const v = record[k];
    if (v !== undefined) out[snakeName(k)] = convert(v);
  }
  return out;
};

type JsonSchemaNode = { [key: string]: unknown };

const schemaMaps = ['$defs', 'definitions', 'patternProperties', 'dependentSchemas'];
const schemaLists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const schemaValues = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties'];

/** Renames the `properties` (and `required`) of every object schema in a JSON Schema to snake_case. */
export const snakeCaseJsonSchema = (schema: unknown): unknown => {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const node = schema as JsonSchemaNode;
  const out: JsonSchemaNode = { ...node };
  if (node['properties'] !== undefined) {
    out['properties'] = Object.fromEntries(
      Object.entries(node['properties'] as JsonSchemaNode).map(([k, v]) => [snakeName(k), snakeCaseJsonSchema(v)]),
    );
  }
  if (Array.isArray(node['required'])) out['required'] = (node['required'] as string[]).map(snakeName);
  for (const key of schemaMaps) {
    if (node[key] !== undefined) {
      out[key] = Object.fromEntries(Object.entries(node[key] as JsonSchemaNode).map(([k, v]) => [k, snakeCaseJsonSchema(v)]));
    }
  }
  for (const key of schemaLists) if (Array.isArray(node[key])) out[key] = (node[key] as unknown[]).map(snakeCaseJsonSchema);
  for (const key of schemaValues) if (node[key] !== undefined) out[key] = snakeCaseJsonSchema(node[key]);
  return out;
};
