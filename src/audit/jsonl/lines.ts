import { JsonLinesFailure, jsonLinesError } from './errors.js';

/** Default bound on one line: far above the largest event a store accepts (EventStoreDB: 1 MiB per append). */
export const defaultMaxLineBytes = 16 * 1024 * 1024;

export interface NumberedLine {
  readonly text: string;
  /** 1-based. */
  readonly line: number;
}

/**
 * Splits a byte or text stream (a node Readable, a file stream, any async
 * iterable of chunks) into numbered lines, holding at most one line in
 * memory. A final line without a newline still counts. Throws
 * JsonLinesFailure for invalid UTF-8 and over-long lines.
 */
export async function* splitLines(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  maxLineBytes = defaultMaxLineBytes,
): AsyncGenerator<NumberedLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 0;
  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new JsonLinesFailure(jsonLinesError('JSONL_NOT_UTF8', 'the file is not valid UTF-8', { line: line + 1 }));
    }
  };
  const tooLong = (): JsonLinesFailure =>
    new JsonLinesFailure(jsonLinesError('JSONL_LINE_TOO_LONG', `the line is longer than ${maxLineBytes} bytes`, { line: line + 1 }));
  for await (const chunk of source) {
    pending += typeof chunk === 'string' ? chunk : decode(chunk);
    let start = 0;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      if (newline - start > maxLineBytes) throw tooLong();
      line += 1;
      yield { text: pending.slice(start, newline), line };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    // UTF-16 length bounds UTF-8 length from below: cheap and safe as a guard.
    if (pending.length > maxLineBytes) throw tooLong();
  }
  pending += decode(undefined);
  if (pending !== '') {
    line += 1;
    yield { text: pending, line };
  }
}
