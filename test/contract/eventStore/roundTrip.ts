import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/store/port.js';
import type { StoreFixtureFactory } from './kit.js';
import { anEvent, collect, uniqueCategory, useStore } from './kit.js';

const data: JsonObject = {
  title: 'Änderung für Zugangskontrolle — 変更管理 🚀 naïve café',
  escapes: 'quote " backslash \\ newline \n tab \t slash / nul-free',
  numbers: { zero: 0, negative: -42, float: 3.14159, tiny: 1e-7, huge: 1.5e300, maxSafe: 9007199254740991 },
  nothing: null,
  flags: [true, false],
  list: [1, 'two', null, { three: [3, [3.5]] }, []],
  nested: { deeper: { deepest: { empty: {}, emptyList: [] } } },
};

const metadata: JsonObject = {
  actor: { id: 'johan', role: 'change_manager' },
  occurredAt: '2025-03-04T05:06:07.089Z',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: null,
  schemaVersion: 2,
  labels: ['audit', 'ünïcödé'],
};

export const describeRoundTripContract = (factory: StoreFixtureFactory): void => {
  describe('round trip', () => {
    const store = useStore(factory);

    it('given an event with nested JSON data and metadata, when it is read back by any route, then data and metadata are equal', async () => {
      const category = uniqueCategory('json');
      const stream = `${category}-1`;
      const event = anEvent('Nested', data, metadata);

      await store().appendToStream(stream, [event]);

      const [fromStream] = await store().readStream(stream);
      const [fromAll] = await store().readAll({ filter: { by: 'category', categories: [category] } });
      const [fromSubscription] = await collect(
        store().subscribeToAll({ filter: { by: 'category', categories: [category] } }),
        1,
      );
      for (const read of [fromStream, fromAll, fromSubscription]) {
        expect(read).toMatchObject({ id: event.id, type: 'Nested', streamName: stream, revision: 0 });
        expect(read!.data).toEqual(data);
        expect(read!.metadata).toEqual(metadata);
      }
    });
  });
};
