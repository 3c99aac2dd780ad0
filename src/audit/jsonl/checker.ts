import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { decodeRecordedEvent } from '../../events/serialization.js';
import { changeRequestCategory } from '../../events/streams.js';
import { categoryOf } from '../../store/port.js';
import { carriesChain, checkNext } from '../chain.js';
import type { ChainHead } from '../findings.js';
import { jsonLinesError, type JsonLinesError } from './errors.js';
import { toRecordedEvent, type EventLine, type ExportScope } from './format.js';
import type { NumberedLine } from './lines.js';
import { parseLine } from './parse.js';

export interface CheckOptions {
  /** Categories whose streams must carry a valid hash chain (default: change requests). */
  readonly chainedCategories?: readonly string[];
}

interface CheckerSettings extends CheckOptions {
  /** Decode change-request events against the catalogue (skipped on a second pass over a source already checked). */
  readonly decodeEvents?: boolean;
}

export interface JsonLinesSummary {
  readonly scope: ExportScope;
  readonly events: number;
  readonly streams: number;
  readonly lines: number;
}

interface StreamProgress {
  readonly chained: boolean;
  head: ChainHead | undefined;
  revision: number;
  line: number;
}

/**
 * Checks an export line by line with memory bounded by the number of
 * streams: the header first, then every event in order (global positions
 * growing, revisions contiguous from 0 per stream, the hash chain intact,
 * change-request events readable by the catalogue), then the end line with
 * the right count. `accept` returns the event a line carries, so the same
 * pass that checks can also write.
 */
export const createChecker = (options: CheckerSettings = {}) => {
  const decodeEvents = options.decodeEvents ?? true;
  const chainedCategories = new Set(options.chainedCategories ?? [changeRequestCategory]);
  const streams = new Map<string, StreamProgress>();
  let scope: ExportScope | undefined;
  let ended = false;
  let events = 0;
  let lines = 0;
  let lastPosition = -1;

  const acceptEvent = (e: EventLine, line: number): Either<JsonLinesError, EventLine> => {
    const where = { line, streamName: e.stream, revision: e.revision };
    if (scope !== undefined && 'stream' in scope && e.stream !== scope.stream) {
      return E.left(jsonLinesError('JSONL_LINE_MALFORMED', `event of ${e.stream} in an export of ${scope.stream} only`, where));
    }
    if (!(e.position > lastPosition)) {
      return E.left(
        jsonLinesError('JSONL_POSITION_ORDER', `position ${e.position} does not follow ${lastPosition}: lines are out of order`, where),
      );
    }
    const record = toRecordedEvent(e);
    let progress = streams.get(e.stream);
    if (progress === undefined) {
      const chained = chainedCategories.has(categoryOf(e.stream)) || carriesChain(record);
      progress = { chained, head: undefined, revision: -1, line: 0 };
      streams.set(e.stream, progress);
    }
    if (e.revision !== progress.revision + 1) {
      return E.left(
        jsonLinesError(
          'JSONL_REVISION_NOT_CONTIGUOUS',
          `${e.stream} revision ${e.revision} follows revision ${progress.revision}${progress.line > 0 ? ` (line ${progress.line})` : ''}`,
          where,
        ),
      );
    }
    if (progress.chained) {
      const step = checkNext(progress.head, record);
      if (!step.ok) {
        const previous = progress.line > 0 ? ` (previous event on line ${progress.line})` : '';
        return E.left(
          jsonLinesError('JSONL_CHAIN_BROKEN', `${e.stream}@${e.revision} (${e.type}): ${step.message}${previous}`, {
            ...where,
            findingKind: step.kind,
          }),
        );
      }
      progress.head = step.head;
    }
    if (decodeEvents && categoryOf(e.stream) === changeRequestCategory) {
      const decoded = decodeRecordedEvent(record);
      if (E.isLeft(decoded)) return E.left(jsonLinesError('JSONL_EVENT_UNREADABLE', decoded.left.message, where));
    }
    progress.revision = e.revision;
    progress.line = line;
    lastPosition = e.position;
    events += 1;
    return E.right(e);
  };

  /** Checks one line; returns the event it carries, or undefined for the header and end lines. */
  const accept = ({ text, line }: NumberedLine): Either<JsonLinesError, EventLine | undefined> => {
    lines = line;
    if (ended) return E.left(jsonLinesError('JSONL_CONTENT_AFTER_END', 'content after the end line', { line }));
    const parsed = parseLine(text, line);
    if (E.isLeft(parsed)) return parsed;
    const value = parsed.right;
    if (scope === undefined) {
      if (value.kind !== 'header') {
        return E.left(jsonLinesError('JSONL_HEADER_MISSING', `the first line must be the export header, not a ${value.kind} line`, { line }));
      }
      scope = value.scope;
      return E.right(undefined);
    }
    switch (value.kind) {
      case 'header':
        return E.left(jsonLinesError('JSONL_LINE_MALFORMED', 'a second header line', { line }));
      case 'end':
        if (value.events !== events) {
          return E.left(jsonLinesError('JSONL_COUNT_MISMATCH', `the end line counts ${value.events} events, the file holds ${events}`, { line }));
        }
        ended = true;
        return E.right(undefined);
      case 'event':
        return acceptEvent(value, line);
    }
  };

  const finish = (): Either<JsonLinesError, JsonLinesSummary> => {
    if (scope === undefined) return E.left(jsonLinesError('JSONL_EMPTY', 'the export is empty'));
    if (!ended) {
      return E.left(jsonLinesError('JSONL_END_MISSING', 'the export ends without its end line: it was cut short', { line: lines + 1 }));
    }
    return E.right({ scope, events, streams: streams.size, lines });
  };

  return { accept, finish, streamNames: (): IterableIterator<string> => streams.keys() };
};

export type Checker = ReturnType<typeof createChecker>;
