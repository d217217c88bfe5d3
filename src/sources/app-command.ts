import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * The command line to run for cdk.json's `app`. As the CDK CLI does, an `app` that names a `.js` file which is
 * not executable (`"app": "bin/app.js"`) is run with the same Node.js that runs stackguard; anything else runs
 * as written, through the shell.
 */
export function appCommandLine(app: string, appDir: string): string {
  const trimmed = app.trim();
  const firstWord = trimmed.split(/\s+/)[0] ?? '';
  if (!firstWord.endsWith('.js')) {
    return trimmed;
  }
  try {
    const stats = statSync(path.resolve(appDir, firstWord));
    const executable = (stats.mode & 0o111) !== 0;
    return stats.isFile() && !executable ? `${shellQuote(process.execPath)} ${trimmed}` : trimmed;
  } catch {
    return trimmed;
  }
}

/** Single-quotes a word for /bin/sh. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_+=:,./@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
