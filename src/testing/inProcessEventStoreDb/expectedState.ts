/**
 * What a writer expects of a stream, as the protocol carries it (revisions are
 * uint64 on the wire, hence bigint).
 */
export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** EventStoreDB's internal numbers for the expected-version kinds (as sent in error trailers). */
export const expectedVersionNumber = (expected: ExpectedState): bigint => {
  switch (expected.kind) {
    case 'any':
      return -2n;
    case 'no_stream':
      return -1n;
    case 'stream_exists':
      return -4n;
    case 'revision':
      return expected.revision;
  }
};

/** Reads the `expected_stream_revision` oneof shared by the append, delete and tombstone options. */
export const expectedStateOf = (options: {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
}): ExpectedState | undefined => {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return undefined;
};
