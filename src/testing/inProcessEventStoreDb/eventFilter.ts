import type { streamsPb } from './generated.js';
import type { LogRecord } from './transactionLog.js';

type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/** EventStoreDB's default search window: events considered per page. */
const DEFAULT_MAX_SEARCH_WINDOW = 32;

export interface ServerFilter {
  readonly matches: (record: LogRecord) => boolean;
  /** Considered events between two checkpoints: multiplier x search window. */
  readonly checkpointInterval: number;
}

/**
 * A server-side filter on the stream name or the event type, by prefixes (any
 * of them) or by a regular expression (searched, not anchored, as .NET's
 * Regex.IsMatch does). Returns a message when the filter is malformed.
 */
export const compileServerFilter = (options: FilterOptions): ServerFilter | string => {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (expression === undefined) return 'The filter names neither stream identifier nor event type.';
  const field = (r: LogRecord): string => (onStream ? r.streamName : r.type);
  let matches: (record: LogRecord) => boolean;
  const regex = expression.getRegex();
  if (regex.length > 0) {
    let compiled: RegExp;
    try {
      compiled = new RegExp(regex);
    } catch {
      return `Invalid filter regex: ${regex}`;
    }
    matches = (r) => compiled.test(field(r));
  } else {
    const prefixes = expression.getPrefixList();
    matches = (r) => {
      const value = field(r);
      return prefixes.some((p) => value.startsWith(p));
    };
  }
  const window = options.hasMax() && options.getMax() > 0 ? options.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  const multiplier = Math.max(1, options.getCheckpointintervalmultiplier());
  return { matches, checkpointInterval: window * multiplier };
};
