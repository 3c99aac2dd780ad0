/** What queries hand out: frozen all the way down. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

const copyAndFreeze = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyAndFreeze(value[i]);
    return Object.freeze(out);
  }
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) out[key] = copyAndFreeze((value as { [key: string]: unknown })[key]);
  return Object.freeze(out);
};

/** A frozen deep copy of plain data (one pass): callers can keep it while the projection goes on folding. */
export const frozenCopy = <T>(value: T): DeepReadonly<T> => copyAndFreeze(value) as DeepReadonly<T>;
