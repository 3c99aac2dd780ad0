import { JsonLinesFailure, jsonLinesError } from './errors.js';

/** Default bound on one line: far above the largest event a store accepts (EventStoreDB: 1 MiB per append). */
export const defaultMaxLineBytes = 16 * 1024 * 1024;

export interface NumberedLine {
  readonly text: string;
  /** 1-based. */
  readonly line: number;
}

const newline = 0x0a;
const encoder = new TextEncoder();

/**
 * Splits a byte or text stream (a node Readable, a file stream, any
 * iterable of chunks) into numbered lines, holding at most one line in
 * memory. Lines are cut on bytes (a newline byte never occurs inside a
 * multi-byte UTF-8 character) and each is decoded whole, so invalid UTF-8
 * is reported on its own line. A final line without a newline still counts.
 * Throws JsonLinesFailure for invalid UTF-8 and over-long lines.
 */
export async function* splitLines(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  maxLineBytes = defaultMaxLineBytes,
): AsyncGenerator<NumberedLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let line = 0;

  const decode = (bytes: Uint8Array): string => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new JsonLinesFailure(jsonLinesError('JSONL_NOT_UTF8', 'the line is not valid UTF-8', { line }));
    }
  };
  const tooLong = (): JsonLinesFailure =>
    new JsonLinesFailure(jsonLinesError('JSONL_LINE_TOO_LONG', `the line is longer than ${maxLineBytes} bytes`, { line: line + 1 }));
  const take = (tail: Uint8Array): Uint8Array => {
    if (pending.length === 0) return tail;
    const whole = Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    return whole;
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    let start = 0;
    let end = bytes.indexOf(newline, start);
    while (end !== -1) {
      if (pendingBytes + end - start > maxLineBytes) throw tooLong();
      const lineBytes = take(bytes.subarray(start, end));
      line += 1;
      yield { text: decode(lineBytes), line };
      start = end + 1;
      end = bytes.indexOf(newline, start);
    }
    if (start < bytes.length) {
      pendingBytes += bytes.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong();
      pending.push(bytes.subarray(start));
    }
  }
  if (pendingBytes > 0) {
    const lineBytes = take(new Uint8Array(0));
    line += 1;
    yield { text: decode(lineBytes), line };
  }
}

/**
 * Turns an iterable of lines without their line ends (e.g. what
 * `readline.createInterface` yields) into chunks the splitter reads.
 */
export async function* fromLines(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}
