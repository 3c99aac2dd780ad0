/**
 * Stream metadata lives as `$metadata` events in the stream `$$<name>`; the
 * last one wins. Only `$tb` (truncate before) has meaning here: a soft delete
 * sets it to long.MaxValue, and the next write to the stream sets it to the
 * first revision of the recreated stream.
 */

export const metastreamOf = (streamName: string): string => `$$${streamName}`;
export const isMetastream = (streamName: string): boolean => streamName.startsWith('$$');
export const originalStreamOf = (metastream: string): string => metastream.slice(2);

/** long.MaxValue: EventStoreDB's event number of a tombstone and `$tb` of a soft-deleted stream. */
export const DELETED_STREAM = 9223372036854775807n;

export type TruncateBefore = { readonly kind: 'none' } | { readonly kind: 'deleted' } | { readonly kind: 'before'; readonly revision: number };

const NONE: TruncateBefore = { kind: 'none' };

/** `$tb` of a metadata event's JSON body. JSON numbers lose precision past 2^53, so long.MaxValue is recognised by magnitude. */
export const truncateBeforeOf = (metadataJson: Uint8Array | undefined): TruncateBefore => {
  if (metadataJson === undefined) return NONE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(metadataJson).toString('utf8'));
  } catch {
    return NONE;
  }
  if (typeof parsed !== 'object' || parsed === null) return NONE;
  const tb = (parsed as Record<string, unknown>)['$tb'];
  if (typeof tb !== 'number' || !Number.isFinite(tb) || tb < 0) return NONE;
  return tb >= Number(DELETED_STREAM) ? { kind: 'deleted' } : { kind: 'before', revision: Math.floor(tb) };
};

/** The previous metadata with `$tb` replaced (written as an exact integer literal, even for long.MaxValue). */
export const withTruncateBefore = (previous: Uint8Array | undefined, tb: bigint): Uint8Array => {
  let rest: Record<string, unknown> = {};
  if (previous !== undefined) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(previous).toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) rest = { ...(parsed as Record<string, unknown>) };
    } catch {
      rest = {};
    }
  }
  delete rest['$tb'];
  const others = JSON.stringify(rest).slice(1, -1);
  return Buffer.from(`{"$tb":${tb.toString()}${others.length > 0 ? `,${others}` : ''}}`, 'utf8');
};
