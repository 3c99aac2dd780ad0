import { Option } from 'commander';
import Table from 'cli-table3';

export const formats = ['table', 'json', 'csv'] as const;
export type Format = (typeof formats)[number];

/** `--format table|json|csv`, tables by default. */
export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(formats).default('table' satisfies Format);

export type Cell = string | number | boolean | null | undefined;
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => Cell;
}

const text = (cell: Cell): string => (cell === null || cell === undefined ? '' : String(cell));

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const csvField = (cell: Cell): string => {
  const s = text(cell);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const csv = (header: readonly string[], rows: readonly (readonly Cell[])[]): string =>
  [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

const isoInstant = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;

/** An instant as people read it in a table: `2025-12-04 11:00:00Z`; anything else unchanged. */
export const instantText = (s: string): string => {
  const m = isoInstant.exec(s);
  return m === null ? s : `${m[1]} ${m[2]}Z`;
};

/** Table cells show instants shortened; CSV and JSON keep them whole. */
const tableText = (cell: Cell): string => instantText(text(cell));

/** A plain, compact table (no colours, so piped output stays clean). */
export const table = (header: readonly string[] | undefined, rows: readonly (readonly Cell[])[]): string => {
  if (header !== undefined && rows.length === 0) return '(none)\n';
  const t = new Table({ ...(header === undefined ? {} : { head: [...header] }), style: { head: [], border: [], compact: true } });
  for (const r of rows) t.push(r.map(tableText));
  return t.toString() + '\n';
};

export const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** Rows as a table or CSV; `--format json` prints `whole` (the full documents, not the flattened columns). */
export const renderRows = <Row>(format: Format, columns: readonly Column<Row>[], rows: readonly Row[], whole: unknown): string => {
  if (format === 'json') return json(whole);
  const header = columns.map((c) => c.header);
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  return format === 'csv' ? csv(header, cells) : table(header, cells);
};

/** A record of labelled values: two columns (field, value) as a table or CSV, or `whole` as JSON. */
export const renderRecord = (format: Format, pairs: readonly (readonly [string, Cell])[], whole: unknown): string => {
  if (format === 'json') return json(whole);
  return format === 'csv' ? csv(['field', 'value'], pairs) : table(undefined, pairs);
};

/** A list of values on one line, for table cells. */
export const list = (values: readonly string[] | null | undefined): string => (values ?? []).join(', ');
