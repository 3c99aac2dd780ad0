import * as E from 'fp-ts/lib/Either.js';
import { allPages } from '../audit/read.js';
import { decodeRecordedEvent } from '../events/serialization.js';
import { changeRequestEvents } from '../projections/changeRequestEvents.js';
import type { Projection } from '../projections/index.js';
import type { EventStore } from '../store/port.js';
import { ExitCode } from './exitCodes.js';
import { CliFailure } from './failure.js';

/**
 * Feeds every change-request event of the store, in global order, to the
 * projections, in memory. Read-only: unlike the projection runner it writes
 * no checkpoints, so read-only subcommands leave the store as they found it.
 */
export const foldStore = async <P extends readonly Projection[]>(store: EventStore, projections: P): Promise<P> => {
  for await (const page of allPages(store, { filter: changeRequestEvents })) {
    for (const recorded of page) {
      const decoded = decodeRecordedEvent(recorded);
      if (E.isLeft(decoded)) {
        const d = decoded.left;
        throw new CliFailure(ExitCode.store, `${d.code}: unreadable event ${d.streamName}@${d.revision}: ${d.message}`, { error: d });
      }
      for (const projection of projections) projection.apply(decoded.right);
    }
  }
  return projections;
};
