import type { JsonObject, RecordedEvent } from '../../store/port.js';

/**
 * The export format: UTF-8 JSON Lines.
 *   line 1      {"kind":"header","format":"maturion.change-management.events","version":1,"scope":...}
 *   lines 2..n  {"kind":"event","stream":...,"revision":...,"position":...,"id":...,"type":...,"data":...,"metadata":...}
 *   last line   {"kind":"end","events":<count>}
 * Events appear in the store's global order; `position` is the source
 * store's and only orders the lines (a target store assigns its own). The
 * end line makes a file cut short at a line boundary detectable.
 */
export const formatName = 'maturion.change-management.events';
export const formatVersion = 1;

export type ExportScope = { readonly stream: string } | { readonly all: true };

export interface HeaderLine {
  readonly kind: 'header';
  readonly format: typeof formatName;
  readonly version: number;
  readonly scope: ExportScope;
}

export interface EventLine {
  readonly kind: 'event';
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface EndLine {
  readonly kind: 'end';
  readonly events: number;
}

export type JsonLine = HeaderLine | EventLine | EndLine;

export const headerLine = (scope: ExportScope): string =>
  JSON.stringify({ kind: 'header', format: formatName, version: formatVersion, scope }) + '\n';

export const eventLine = (e: RecordedEvent): string =>
  JSON.stringify({
    kind: 'event',
    stream: e.streamName,
    revision: e.revision,
    position: e.position,
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  }) + '\n';

export const endLine = (events: number): string => JSON.stringify({ kind: 'end', events }) + '\n';

export const toRecordedEvent = (line: EventLine): RecordedEvent => ({
  id: line.id,
  type: line.type,
  streamName: line.stream,
  revision: line.revision,
  position: line.position,
  data: line.data,
  metadata: line.metadata,
});
