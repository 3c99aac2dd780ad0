import { DeadlineExceededError, EventStoreDBClient, START, UnavailableError } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startInProcessEventStoreDb } from '../../src/testing/inProcessEventStoreDb/index.js';
import type { InProcessEventStoreDb, InProcessEventStoreDbOptions } from '../../src/testing/inProcessEventStoreDb/index.js';
import { appendPaths, drain, rejectionOf, testEvents, uniqueStream } from './support/client.js';
import { watch } from './support/watch.js';

/**
 * What only the in-process server can show: which calls the client chose,
 * what clients see when the node stops and comes back, and slow
 * acknowledgements. (The semantics it shares with a real server are tested
 * in the other files of this folder.)
 */
describe('the in-process EventStoreDB server', () => {
  const started: { server: InProcessEventStoreDb; client: EventStoreDBClient }[] = [];
  const start = async (options: InProcessEventStoreDbOptions = {}) => {
    const server = await startInProcessEventStoreDb(options);
    const client = EventStoreDBClient.connectionString(server.connectionString);
    started.push({ server, client });
    return { server, client };
  };
  afterEach(async () => {
    for (const { server, client } of started.splice(0)) {
      await client.dispose();
      await server.stop();
    }
  });

  describe('server features', () => {
    it('given BatchAppend is advertised, when the client appends, then it uses BatchAppend', async () => {
      const { server, client } = await start({ advertiseBatchAppend: true });

      await client.appendToStream(uniqueStream(), testEvents(1));

      expect(server.callCounts['BatchAppend']).toBe(1);
      expect(server.callCounts['Append']).toBeUndefined();
    });

    it('given BatchAppend is not advertised, when the client appends, then it uses Append', async () => {
      const { server, client } = await start({ advertiseBatchAppend: false });

      await client.appendToStream(uniqueStream(), testEvents(1));
      await client.appendToStream(uniqueStream(), testEvents(1));

      expect(server.callCounts['Append']).toBe(2);
      expect(server.callCounts['BatchAppend']).toBeUndefined();
    });
  });

  describe('stopping and restarting', () => {
    it('given a live subscription, when the server stops, then the subscription fails with UNAVAILABLE, and so do calls until it is back', async () => {
      const { server, client } = await start();
      const stream = uniqueStream();
      await client.appendToStream(stream, testEvents(1));
      const watched = watch(client.subscribeToStream(stream));
      expect(await watched.until((w) => w.caughtUpAt !== undefined)).toBe(true);

      await server.stop();

      expect(await watched.until((w) => w.error !== undefined)).toBe(true);
      expect(watched.error).toBeInstanceOf(UnavailableError);
      const whileDown = await rejectionOf(drain(client.readStream(stream)));
      expect(whileDown).toMatchObject({ code: 14 });
    });

    it('given data, when the server restarts, then it listens on the same port with the same data and a new epoch in $all', async () => {
      const { server, client } = await start();
      const stream = uniqueStream();
      const port = server.port;
      await client.appendToStream(stream, testEvents(2));

      await server.restart();

      expect(server.port).toBe(port);
      expect(await drain(client.readStream(stream))).toHaveLength(2);
      const epochs = (await drain(client.readAll({ fromPosition: START }))).filter((e) => e.event!.type === '$epoch-information');
      expect(epochs.map((e) => e.event!.revision)).toEqual([0n, 1n]);
    });
  });

  describe.each(appendPaths)('a slow acknowledgement through $name', ({ options }) => {
    it('given replies delayed past the deadline, when appending, then the client times out although the events were written', async () => {
      const { server, client } = await start();
      const stream = uniqueStream();
      server.faults.appendReplyDelayMs = 400;

      const error = await rejectionOf(client.appendToStream(stream, testEvents(2), { ...options, deadline: 100 }));

      expect(error).toBeInstanceOf(DeadlineExceededError);
      server.faults.appendReplyDelayMs = 0;
      expect(await drain(client.readStream(stream))).toHaveLength(2);
    });
  });
});
