import { describe, expect, it } from 'vitest';
import type { ReadStreamOptions, RecordedEvent } from '../../../src/store/port.js';
import type { StoreFixtureFactory } from './kit.js';
import { someEvents, uniqueCategory, useStore } from './kit.js';

export const describeReadStreamContract = (factory: StoreFixtureFactory): void => {
  describe('reading a stream', () => {
    const store = useStore(factory);

    /** A stream of five events whose data.n equals their revision. */
    const givenFiveEvents = async (): Promise<string> => {
      const stream = `${uniqueCategory('read')}-1`;
      await store().appendToStream(stream, someEvents(3));
      await store().appendToStream(stream, someEvents(2, 'Something', 3));
      return stream;
    };
    const revisions = (events: readonly RecordedEvent[]): number[] => events.map((e) => e.revision);

    it.each<[string, ReadStreamOptions | undefined]>([
      ['no options', undefined],
      ['forwards', { direction: 'forwards' }],
      ['backwards', { direction: 'backwards' }],
    ])('given a stream that does not exist, when read with %s, then it reads as empty', async (_, options) => {
      expect(await store().readStream(`${uniqueCategory('missing')}-1`, options)).toEqual([]);
    });

    const cases: [string, ReadStreamOptions | undefined, number[]][] = [
      ['no options: every event, forwards', undefined, [0, 1, 2, 3, 4]],
      ['forwards from start', { direction: 'forwards', fromRevision: 'start' }, [0, 1, 2, 3, 4]],
      ['forwards from revision 2 (inclusive)', { fromRevision: 2 }, [2, 3, 4]],
      ['forwards from revision 1, at most 2', { fromRevision: 1, maxCount: 2 }, [1, 2]],
      ['forwards, at most 3', { maxCount: 3 }, [0, 1, 2]],
      ['forwards from past the last revision', { fromRevision: 9 }, []],
      ['backwards: from the last event', { direction: 'backwards' }, [4, 3, 2, 1, 0]],
      ['backwards from end', { direction: 'backwards', fromRevision: 'end' }, [4, 3, 2, 1, 0]],
      ['backwards from revision 3 (inclusive)', { direction: 'backwards', fromRevision: 3 }, [3, 2, 1, 0]],
      ['backwards from revision 3, at most 2', { direction: 'backwards', fromRevision: 3, maxCount: 2 }, [3, 2]],
      ['backwards, at most 1', { direction: 'backwards', maxCount: 1 }, [4]],
    ];
    it.each(cases)('given a stream of five events, when read %s, then the expected revisions come back in order', async (_, options, expected) => {
      const stream = await givenFiveEvents();

      const read = await store().readStream(stream, options);

      expect(revisions(read)).toEqual(expected);
      expect(read.map((e) => e.data['n'])).toEqual(expected);
    });

    it('given two streams, when one is read, then only its events come back', async () => {
      const category = uniqueCategory('read');
      await store().appendToStream(`${category}-a`, someEvents(2, 'A'));
      await store().appendToStream(`${category}-b`, someEvents(1, 'B'));
      await store().appendToStream(`${category}-a`, someEvents(1, 'A'));

      const read = await store().readStream(`${category}-a`);

      expect(read.map((e) => e.type)).toEqual(['A', 'A', 'A']);
      expect(revisions(read)).toEqual([0, 1, 2]);
    });

    it('given a read result, when the caller mutates the array and tries to rewrite a record, then later reads are unchanged', async () => {
      const stream = await givenFiveEvents();
      const first = await store().readStream(stream);
      const expected = first.map((e) => ({ id: e.id, revision: e.revision, type: e.type, position: e.position }));

      (first as RecordedEvent[]).reverse().pop();
      const victim = first[0] as { revision: number; type: string };
      try {
        victim.revision = 99;
        victim.type = 'Tampered';
      } catch {
        // a frozen record refuses the assignment, which is fine too
      }

      const again = await store().readStream(stream);
      expect(again.map((e) => ({ id: e.id, revision: e.revision, type: e.type, position: e.position }))).toEqual(expected);
    });
  });
};
