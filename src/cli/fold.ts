import * as E from 'fp-ts/lib/Either.js';
import { decodeRecordedEvent } from '../events/serialization.js';
import { changeRequestCategory } from '../events/streams.js';
import type { Projection } from '../projections/index.js';
import type { EventStore } from '../store/port.js';
import { ExitCode } from './exitCodes.js';
import { CliFailure } from './failure.js';

const pageSize = 1_000;

/**
 * Feeds every change-request event of the store, in global order, to the
 * projections, in memory. Read-only: unlike the projection runner it writes
 * no checkpoints, so read-only subcommands leave the store as they found it.
 */
export const foldStore = async <P extends readonly Projection[]>(store: EventStore, projections: P): Promise<P> => {
  for (let from = 0; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: pageSize, filter: { by: 'category', categories: [changeRequestCategory] } });
    for (const recorded of page) {
      const decoded = decodeRecordedEvent(recorded);
      if (E.isLeft(decoded)) {
        const d = decoded.left;
        throw new CliFailure(ExitCode.store, `${d.code}: unreadable event ${d.streamName}@${d.revision}: ${d.message}`, { error: d });
      }
      for (const projection of projections) projection.apply(decoded.right);
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < pageSize) return projections;
    from = last.position + 1;
  }
};
