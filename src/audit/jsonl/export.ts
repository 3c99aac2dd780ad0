import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { EventFilter, EventStore, RecordedEvent } from '../../store/port.js';
import { allPages, streamPages } from '../read.js';
import { jsonLinesError, type JsonLinesError } from './errors.js';
import { endLine, eventLine, headerLine, type ExportScope } from './format.js';

export interface ExportOptions {
  /** For an export of all: keep only these categories or event types. */
  readonly filter?: EventFilter;
  readonly pageSize?: number;
}

/**
 * The export as lines (each ending in a newline), read from the store page
 * by page: header, events in global order, end line. Store failures are
 * thrown from the iteration.
 */
export async function* exportJsonLines(store: EventStore, scope: ExportScope, options: ExportOptions = {}): AsyncGenerator<string> {
  yield headerLine(scope);
  let events = 0;
  const pages: AsyncGenerator<readonly RecordedEvent[]> =
    'stream' in scope
      ? streamPages(store, scope.stream, options.pageSize)
      : allPages(store, {
          ...(options.filter === undefined ? {} : { filter: options.filter }),
          ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
        });
  for await (const page of pages) {
    for (const event of page) {
      events += 1;
      yield eventLine(event);
    }
  }
  yield endLine(events);
}

/** The export as a node Readable (UTF-8 text), e.g. to pipe into a file or an HTTP response. */
export const exportJsonLinesStream = (store: EventStore, scope: ExportScope, options: ExportOptions = {}): Readable =>
  Readable.from(exportJsonLines(store, scope, options), { objectMode: false });

/**
 * Writes the export to a file atomically: to a temporary file beside it,
 * then renamed over the target, so the target is never half-written.
 */
export const exportJsonLinesToFile = (
  store: EventStore,
  scope: ExportScope,
  path: string,
  options: ExportOptions = {},
): TaskEither<JsonLinesError, { readonly path: string }> =>
  TE.tryCatch(
    async () => {
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await pipeline(exportJsonLinesStream(store, scope, options), createWriteStream(temporary, { flags: 'wx' }));
        await rename(temporary, path);
      } catch (e) {
        await rm(temporary, { force: true });
        throw e;
      }
      return { path };
    },
    (e) => jsonLinesError('EXPORT_FAILED', `Export to ${path} failed: ${e instanceof Error ? e.message : String(e)}`),
  );
