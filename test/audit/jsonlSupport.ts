import { exportJsonLines } from '../../src/audit/jsonl/export.js';
import type { ExportScope } from '../../src/audit/jsonl/format.js';
import type { EventStore, RecordedEvent } from '../../src/store/port.js';

/** The whole export as one string. */
export const exportText = async (store: EventStore, scope: ExportScope): Promise<string> => {
  let text = '';
  for await (const line of exportJsonLines(store, scope)) text += line;
  return text;
};

/** The lines of an export (without the final empty string after the last newline). */
export const linesOf = (text: string): string[] => text.split('\n').slice(0, -1);

export const joinLines = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');

/** What an import must preserve of a record: everything but the global position, which the target assigns. */
export const portable = (records: readonly RecordedEvent[]) =>
  records.map((r) => ({ id: r.id, streamName: r.streamName, revision: r.revision, type: r.type, data: r.data, metadata: r.metadata }));

/** Applies `edit` to the parsed event line at 1-based file line `line`. */
export const editLine = (lines: readonly string[], line: number, edit: (value: Record<string, unknown>) => Record<string, unknown>): string[] =>
  lines.map((l, i) => (i === line - 1 ? JSON.stringify(edit(JSON.parse(l) as Record<string, unknown>)) : l));
