import type { z } from 'zod';

/**
 * A check-only fast path compiled from a zod schema.
 *
 * Stored events were parsed by the catalogue's schemas when they were
 * written, so on read they almost always come back exactly as zod would
 * return them. Parsing them again builds a full copy of every event, which
 * a rebuild of a million events pays for twice (in copying, and in the
 * garbage collector moving the copies the read models keep). A precheck
 * walks the value instead and answers one question: would zod accept it
 * *and* return it unchanged (the same keys in the same order, no default to
 * fill in, no string to trim, no unknown key to strip)? Only then is the
 * value used as it is. Any other answer sends it through `safeParse`, which
 * stays the authority for every output and every error message.
 *
 * Internally each node answers `ok`, `invalid` or `unsure`. Only `ok` and
 * `invalid` must be exact (a union moves on to its next option on
 * `invalid`); `unsure` is always safe, and is what every schema kind or
 * check this module does not know compiles to.
 *
 * Two differences from zod's copy remain, both harmless for JSON read back
 * from a store: an object with a null prototype is handed on as it is (zod
 * would return an ordinary object with the same entries), and an object's
 * refinements (e.g. the test counts of TestRunResults) see the stored value
 * itself, so they must not modify it (none in the catalogue does).
 *
 * The walker is generated as JavaScript, one function per schema node, so
 * that each property read has its own inline cache, as zod's own object
 * parser does. Where code generation is not allowed, every precheck answers
 * false and zod parses everything.
 */
export const OK = 0;
export const INVALID = 1;
export const UNSURE = 2;
export type Verdict = typeof OK | typeof INVALID | typeof UNSURE;

/** The parts of zod 4's core internals (`schema._zod`) this compiler reads. */
interface CheckDef {
  readonly check?: string;
  readonly when?: (payload: Payload) => boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly tx?: (value: unknown) => unknown;
}
interface Node {
  readonly _zod: {
    readonly def: CheckDef & {
      readonly type: string;
      readonly checks?: readonly Node[];
      readonly coerce?: boolean;
      readonly shape?: { readonly [key: string]: Node };
      readonly catchall?: unknown;
      readonly element?: Node;
      readonly innerType?: Node;
      readonly options?: readonly Node[];
    };
    readonly traits: ReadonlySet<string>;
    readonly values?: ReadonlySet<unknown>;
    readonly optin?: 'optional' | 'defaulted';
    readonly check?: (payload: Payload) => unknown;
  };
}
interface Payload {
  value: unknown;
  issues: unknown[];
}

type Kind = 'string' | 'primitive' | 'object';

/** A string's length in code points (a surrogate pair is one). */
const codePointLength = (s: string): number => {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
};

class Generator {
  private readonly functions: string[] = [];
  private readonly names = new Map<Node, string>();
  /** Values the generated code refers to (regexes, sets, zod's own check functions), passed in as parameters. */
  readonly deps: unknown[] = [];

  source(root: string): string {
    return `${this.functions.join('\n')}\nreturn ${root};`;
  }

  dep(value: unknown): string {
    this.deps.push(value);
    return `d${this.deps.length - 1}`;
  }

  /** The name of the function checking `node`, generating it (once per schema object) if need be. */
  fn(node: Node): string {
    const known = this.names.get(node);
    if (known !== undefined) return known;
    const name = `n${this.names.size}`;
    this.names.set(node, name);
    this.functions.push(`function ${name}(v) {\n${this.body(node)}\n}`);
    return name;
  }

  private body(node: Node): string {
    const def = node._zod.def;
    const hasChecks = (def.checks ?? []).length > 0;
    if (def.coerce === true) return 'return 2;';
    switch (def.type) {
      case 'string':
        return `if (typeof v !== 'string') return 1;\n${this.checks(node, 'string')}\nreturn 0;`;
      case 'number':
        return `if (typeof v !== 'number' || !Number.isFinite(v)) return 1;\n${this.checks(node, 'primitive')}\nreturn 0;`;
      case 'boolean':
        return `if (typeof v !== 'boolean') return 1;\n${this.checks(node, 'primitive')}\nreturn 0;`;
      case 'enum':
      case 'literal':
        if (node._zod.values === undefined || hasChecks) return 'return 2;';
        return `return ${this.dep(node._zod.values)}.has(v) ? 0 : 1;`;
      case 'object':
        return this.object(node);
      case 'array':
        return this.array(node);
      case 'union': {
        const options = def.options ?? [];
        // An exclusive union (z.xor, and a discriminated union, which picks its option by the key) is not first-match.
        if (options.length === 0 || hasChecks || def.inclusive === false) return 'return 2;';
        // zod returns the first option that succeeds, so an unsure option ends the search.
        return `let r;\n${options.map((o) => `r = ${this.fn(o)}(v); if (r !== 1) return r;`).join('\n')}\nreturn 1;`;
      }
      case 'nullable':
        if (def.innerType === undefined || hasChecks) return 'return 2;';
        return `return v === null ? 0 : ${this.fn(def.innerType)}(v);`;
      case 'optional':
      case 'default':
        // Undefined is left out or replaced by the default: either way the output is not the input.
        if (def.innerType === undefined || hasChecks) return 'return 2;';
        return `return v === undefined ? 2 : ${this.fn(def.innerType)}(v);`;
      default:
        return 'return 2;';
    }
  }

  private object(node: Node): string {
    const { shape, catchall } = node._zod.def;
    if (shape === undefined || catchall !== undefined) return 'return 2;';
    const keys = Object.keys(shape);
    // zod skips a '__proto__' key and requires symbol keys, which for...in never sees.
    if (keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length > 0) return 'return 2;';
    const fields = keys.map((key) => {
      const field = shape[key]!;
      const k = JSON.stringify(key);
      // An optional key may be absent (zod leaves it out too); absent anything else is zod's to judge.
      const absent = field._zod.optin === 'optional' && field._zod.def.type === 'optional' ? `if (Object.hasOwn(v, ${k})) u = 1;` : 'u = 1;';
      return `x = v[${k}];\nif (x === undefined) { ${absent} } else { n++; r = ${this.fn(field)}(x); if (r === 1) return 1; if (r === 2) u = 1; }`;
    });
    const order = this.dep(keys);
    return [
      `if (typeof v !== 'object' || v === null || Array.isArray(v)) return 1;`,
      `const p = Object.getPrototypeOf(v);`,
      `if (p !== Object.prototype && p !== null) return 2;`,
      `let u = 0, n = 0, x, r;`,
      ...fields,
      `if (u === 1) return 2;`,
      // zod builds its output in the shape's key order and strips unknown keys: the input must already be that object.
      `let i = 0, m = 0;`,
      `for (const key in v) { while (i < ${keys.length} && ${order}[i] !== key) i++; if (i === ${keys.length}) return 2; i++; m++; }`,
      // A present key that for...in did not see (not enumerable) comes out of zod as an ordinary key.
      `if (m !== n) return 2;`,
      this.checks(node, 'object'),
      `return 0;`,
    ].join('\n');
  }

  private array(node: Node): string {
    const { element } = node._zod.def;
    if (element === undefined) return 'return 2;';
    const item = this.fn(element);
    return [
      `if (!Array.isArray(v)) return 1;`,
      `let u = 0;`,
      `for (let i = 0; i < v.length; i++) { const x = v[i]; if (x === undefined) { u = 1; continue; } const r = ${item}(x); if (r === 1) return 1; if (r === 2) u = 1; }`,
      // zod runs a refinement on its parsed copy, and not at all when an item failed: only when every item is OK is the input that copy.
      `if (u === 1) return 2;`,
      this.checks(node, 'object'),
      `return 0;`,
    ].join('\n');
  }

  /** The node's checks in zod's order (a format schema is its own first check); the first answer that is not ok decides. */
  private checks(node: Node, kind: Kind): string {
    const own = node._zod.traits.has('$ZodCheck') ? [node] : [];
    return [...own, ...(node._zod.def.checks ?? [])].map((c) => this.check(c, kind)).join('\n');
  }

  private check(check: Node, kind: Kind): string {
    const def = check._zod.def;
    // zod skips a check whose `when` says no (built-in ones guard on the value's type, already checked here).
    const guard = def.when === undefined ? '' : `${this.dep(def.when)}(${this.payload()}) && `;
    const fails = (condition: string): string => `if (${guard}(${condition})) return 1;`;
    switch (def.check) {
      case 'overwrite':
        // e.g. trim(): harmless when it changes nothing; otherwise zod's output (and its later checks) differ.
        // On an object or array, tx may change the input in place: never call it on a stored value.
        if (def.tx === undefined || def.when !== undefined || kind === 'object') return 'return 2;';
        return `if (${this.dep(def.tx)}(v) !== v) return 2;`;
      // zod counts a string's length in code points, where units alone cannot tell (the same shortcuts as zod's).
      case 'min_length': {
        const min = Number(def.minimum);
        return fails(kind === 'string' ? `(v.length >= ${min} && v.length < ${2 * min} ? ${this.codePoints()}(v) : v.length) < ${min}` : `v.length < ${min}`);
      }
      case 'max_length': {
        const max = Number(def.maximum);
        return fails(kind === 'string' ? `(v.length > ${max} ? ${this.codePoints()}(v) : v.length) > ${max}` : `v.length > ${max}`);
      }
      case 'length_equals': {
        const length = Number(def.length);
        return fails(kind === 'string' ? `(v.length >= ${length} && v.length <= ${2 * length} ? ${this.codePoints()}(v) : v.length) !== ${length}` : `v.length !== ${length}`);
      }
      case 'greater_than':
        return fails(`!(v ${def.inclusive === true ? '>=' : '>'} ${Number(def.value)})`);
      case 'less_than':
        return fails(`!(v ${def.inclusive === true ? '<=' : '<'} ${Number(def.value)})`);
      case 'number_format':
        if (def.format === 'safeint') return fails('!Number.isSafeInteger(v)');
        break;
      case 'string_format':
        if ((def.format === 'regex' || def.format === 'datetime') && def.pattern instanceof RegExp) {
          const pattern = this.dep(def.pattern);
          return `${pattern}.lastIndex = 0;\n${fails(`!${pattern}.test(v)`)}`;
        }
        break;
    }
    // Any other check (a refinement, a format that is more than a pattern): run the check itself.
    if (check._zod.check === undefined) return 'return 2;';
    const when = def.when === undefined ? 'true' : `${this.dep(def.when)}(c)`;
    return `{ const c = { value: v, issues: [] }; if (${when}) { const res = ${this.dep(check._zod.check)}(c); if (res instanceof Promise || c.value !== v) return 2; if (c.issues.length > 0) return 1; } }`;
  }

  private codePointsName: string | undefined;
  private codePoints(): string {
    this.codePointsName ??= this.dep(codePointLength);
    return this.codePointsName;
  }

  /** One shared payload for `when` guards, which only read its value. */
  private sharedPayload: string | undefined;
  private payload(): string {
    this.sharedPayload ??= this.dep({ value: undefined, issues: [] });
    return `(${this.sharedPayload}.value = v, ${this.sharedPayload})`;
  }
}

/** Compiles a schema into its three-way precheck (exported for the compiler's own tests). */
export const compileVerdict = (schema: z.ZodType): ((value: unknown) => Verdict) => {
  const generator = new Generator();
  const root = generator.fn(schema as unknown as Node);
  const params = generator.deps.map((_, i) => `d${i}`);
  try {
    // The generated source names only the schema's own values, passed in as parameters.
    const make = new Function(...params, generator.source(root)) as (...deps: unknown[]) => (value: unknown) => Verdict;
    return make(...generator.deps);
  } catch {
    return () => UNSURE;
  }
};

/**
 * Compiles a schema into a predicate: true when `schema.safeParse(value)`
 * would succeed and return a value deep-equal to `value`, with its keys in
 * the same order. False means "ask zod", not "invalid".
 */
export const compilePrecheck = (schema: z.ZodType): ((value: unknown) => boolean) => {
  const verdict = compileVerdict(schema);
  return (value) => verdict(value) === OK;
};
