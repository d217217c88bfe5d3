import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sources');
export const SCRIPTS = path.join(FIXTURES, 'scripts');

/** Temporary folders made by a test file, removed by `removeTempDirs` in afterEach/afterAll. */
const made: string[] = [];

export async function tempDir(prefix = 'stackguard-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Writes files (relative path → content; objects are written as JSON) into a fresh temporary folder. */
export async function writeFolder(files: Record<string, unknown>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Awaits a promise that must reject with a StackguardInputError of the given step; returns the error. */
export async function inputError(promise: Promise<unknown>, step: string): Promise<StackguardInputError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StackguardInputError);
  const inputError = error as StackguardInputError;
  expect(inputError.step).toBe(step);
  return inputError;
}
