import { readFile } from 'node:fs/promises';
import { StackguardInputError } from '../errors.js';

/**
 * Reads and parses a JSON file, turning every failure into a StackguardInputError that names the file,
 * and for malformed JSON the line and column, so the user can open the file at the right place.
 */
export async function readJsonFile(file: string, step: string, what = 'file'): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new StackguardInputError(`The ${what} ${file} ${reason}.`, step);
  }
  return parseJsonText(text, file, step);
}

export function parseJsonText(text: string, file: string, step: string): unknown {
  try {
    // A UTF-8 byte order mark is legal in a file but not in JSON.parse's input.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StackguardInputError(`${file} is not valid JSON${locate(text, message)}: ${message}`, step);
  }
}

/**
 * Node 20 reports only "at position N"; Node 22 adds "(line L column C)". Derive the line and column from the
 * position so the message is the same on both.
 */
function locate(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) {
    return /end of JSON input/i.test(message) ? ` (it ends early, at line ${lineCount(text)})` : '';
  }
  const before = text.slice(0, Number(position));
  const line = lineCount(before);
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
