import * as E from 'fp-ts/lib/Either.js';
import { decodeRecordedEvent, type StoredEvent } from '../../src/events/serialization.js';
import type { Projection } from '../../src/projections/projection.js';
import { createProjectionRunner } from '../../src/projections/runner/runner.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventStore } from '../../src/store/port.js';
import { seedStore, type FixtureStream } from '../support/eventFixtures.js';

/** Given these lifecycles in a store, feeds the projections through a runner until caught up. */
export const project = async (streams: readonly FixtureStream[], ...projections: Projection[]): Promise<EventStore> => {
  const store = createInMemoryEventStore();
  await seedStore(store, streams, { numberAllocations: true });
  const runner = createProjectionRunner({ store, projections, idleCheckpointMs: 0 });
  await runner.start();
  await runner.catchUp();
  await runner.stop();
  return store;
};

/** The decoded change-request events of a store, in global order. */
export const storedEvents = async (store: EventStore): Promise<StoredEvent[]> =>
  (await store.readAll({ filter: { by: 'category', categories: ['change_request'] } })).map((r) => {
    const d = decodeRecordedEvent(r);
    if (E.isLeft(d)) throw new Error(d.left.message);
    return d.right;
  });
