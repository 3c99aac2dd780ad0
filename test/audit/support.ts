import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { EMPTY, type Observable } from 'rxjs';
import { afterEach, beforeEach } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import type { EventStore, JsonObject, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../../src/store/port.js';
import { matchesFilter } from '../../src/store/port.js';
import { sealFixture, type FixtureStream } from '../support/eventFixtures.js';
import { storeFactories, type StoreFixture } from '../support/stores.js';

export { storeFactories };

/** A fresh store of the factory per test, torn down after it. */
export const useStoreOf = (create: () => Promise<StoreFixture>): (() => EventStore) => {
  let fixture: StoreFixture | undefined;
  beforeEach(async () => {
    fixture = await create();
  });
  afterEach(async () => {
    await fixture?.teardown();
    fixture = undefined;
  });
  return () => {
    if (fixture === undefined) throw new Error('only inside a test');
    return fixture.store;
  };
};

export const rightOf = <L, R>(result: Either<L, R>): R => {
  if (E.isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left)}`);
  return result.right;
};

export const leftOf = <L, R>(result: Either<L, R>): L => {
  if (E.isRight(result)) throw new Error(`expected Left, got ${JSON.stringify(result.right).slice(0, 500)}`);
  return result.left;
};

/** A fixture's stream as a store would record it on its own: revisions and positions from 0. */
export const recordsOf = (stream: FixtureStream, firstPosition = 0): RecordedEvent[] =>
  sealFixture(stream)
    .flat()
    .map((e, i) => ({
      id: e.id,
      type: e.type,
      streamName: stream.streamName,
      revision: i,
      position: firstPosition + i,
      data: e.data,
      metadata: e.metadata,
    }));

/** Records renumbered as a store would after the list was edited (revisions and positions contiguous again). */
export const renumbered = (records: readonly RecordedEvent[]): RecordedEvent[] =>
  records.map((r, i) => ({ ...r, revision: i, position: i }));

export const withData = (record: RecordedEvent, data: JsonObject): RecordedEvent => ({ ...record, data });
export const withMetadata = (record: RecordedEvent, metadata: JsonObject): RecordedEvent => ({ ...record, metadata });

/**
 * A test-only store that serves reads from a fixed list of records exactly
 * as given (in list order, with whatever revisions and positions they
 * carry), bypassing every check a real store makes: the "raw" view of a
 * store whose data someone edited. It accepts no appends.
 */
export const rawStore = (records: readonly RecordedEvent[]): EventStore => ({
  appendToStream: () => Promise.reject(new StoreError('INVALID_APPEND', 'the raw test store is read-only')),
  readStream: (streamName: string, options: ReadStreamOptions = {}) => {
    let list = records.filter((r) => r.streamName === streamName);
    if (options.direction === 'backwards') list = [...list].reverse();
    const from = options.fromRevision;
    if (typeof from === 'number') {
      list = list.filter((r) => (options.direction === 'backwards' ? r.revision <= from : r.revision >= from));
    }
    return Promise.resolve(list.slice(0, options.maxCount ?? list.length));
  },
  readAll: (options: ReadAllOptions = {}) => {
    let list = records.filter((r) => matchesFilter(options.filter, r.streamName, r.type));
    const from = options.fromPosition;
    if (typeof from === 'number') list = list.filter((r) => r.position >= from);
    return Promise.resolve(list.slice(0, options.maxCount ?? list.length));
  },
  countAll: (options = {}) => {
    const list = records.filter((r) => matchesFilter(options.filter, r.streamName, r.type));
    return Promise.resolve({ count: list.length, lastPosition: list.at(-1)?.position ?? -1 });
  },
  subscribeToAll: (): Observable<RecordedEvent> => EMPTY,
  close: () => Promise.resolve(),
});

/** Every record of a store in global order. */
export const everything = (store: EventStore): Promise<readonly RecordedEvent[]> => store.readAll();
