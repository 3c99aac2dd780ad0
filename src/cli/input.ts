import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { roles, type Actor, type Role } from '../events/values.js';
import { usageFailure } from './failure.js';

const readAll = async (stream: Readable): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/** The text of a file, or of stdin for `-`; a missing file is a usage failure. */
export const readTextInput = async (source: string, stdin: Readable, what: string): Promise<string> => {
  if (source === '-') return readAll(stdin);
  try {
    return await readFile(source, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw usageFailure(`Cannot read ${what} ${source}: ${code === 'ENOENT' ? 'no such file' : String(code ?? e)}.`);
  }
};

/** Parses JSON, naming the source and the parser's complaint when it is malformed. */
export const parseJson = (text: string, source: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw usageFailure(`Malformed JSON in ${source === '-' ? 'stdin' : source}: ${why}. Nothing was written.`);
  }
};

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** `<id>:<role>` (the role after the last colon), e.g. `johan:change_manager`. */
export const parseActor = (text: string): Actor => {
  const colon = text.lastIndexOf(':');
  const id = colon === -1 ? text.trim() : text.slice(0, colon).trim();
  const role = colon === -1 ? '' : text.slice(colon + 1).trim();
  const expected = `expected --actor <id>:<role> with a role among ${roles.join(', ')}`;
  if (role === '') throw usageFailure(`Actor ${JSON.stringify(text)} has no role: ${expected}. Nothing was written.`);
  if (!isRole(role)) throw usageFailure(`Actor ${JSON.stringify(text)} has an unknown role "${role}": ${expected}. Nothing was written.`);
  if (id === '') throw usageFailure(`Actor ${JSON.stringify(text)} has no id: ${expected}. Nothing was written.`);
  return { id, role };
};
