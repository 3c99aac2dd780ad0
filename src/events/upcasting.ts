import type { EventType } from './catalogue.js';

/**
 * Schema evolution. Each event type has a current schema version; events
 * stored under an older version are upcast step by step (v1 -> v2 -> ...)
 * when read, so the domain only ever sees the current shape. Stored events
 * are never rewritten.
 */
export type Upcaster = (data: { readonly [key: string]: unknown }) => { readonly [key: string]: unknown };

export const currentSchemaVersion: { readonly [K in EventType]?: number } = {
  ChangeRequestDrafted: 2,
};

export const schemaVersionOf = (type: EventType): number => currentSchemaVersion[type] ?? 1;

/** upcasters[type][v] turns version v data into version v + 1 data. */
const upcasters: { readonly [K in EventType]?: { readonly [fromVersion: number]: Upcaster } } = {
  ChangeRequestDrafted: {
    // v1 stored the description as one string; v2 splits it into a summary line and details.
    1: (data) => {
      const text = typeof data['description'] === 'string' ? data['description'] : '';
      const newline = text.indexOf('\n');
      const summary = (newline === -1 ? text : text.slice(0, newline)).trim();
      const details = newline === -1 ? '' : text.slice(newline + 1).trim();
      return { ...data, description: { summary: summary === '' ? '(no summary)' : summary, details } };
    },
  },
};

export class UpcastError extends Error {
  readonly code = 'EVENT_SCHEMA_UNSUPPORTED';
  constructor(
    readonly eventType: string,
    readonly version: number,
  ) {
    super(`Event ${eventType} has schema version ${version}, which this library cannot read`);
    this.name = 'UpcastError';
  }
}

/** Brings data of `type` from `version` to the current version; throws UpcastError for unknown versions. */
export const upcast = (
  type: EventType,
  version: number,
  data: { readonly [key: string]: unknown },
): { readonly [key: string]: unknown } => {
  const target = schemaVersionOf(type);
  if (!Number.isInteger(version) || version < 1 || version > target) throw new UpcastError(type, version);
  let current = data;
  for (let v = version; v < target; v++) {
    const step = upcasters[type]?.[v];
    if (step === undefined) throw new UpcastError(type, version);
    current = step(current);
  }
  return current;
};
