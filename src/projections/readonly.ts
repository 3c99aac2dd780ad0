import { deepFreeze } from '../events/freeze.js';

/** What queries hand out: frozen all the way down. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** A frozen deep copy: callers can keep it while the projection goes on folding. */
export const frozenCopy = <T>(value: T): DeepReadonly<T> => deepFreeze(structuredClone(value)) as DeepReadonly<T>;
