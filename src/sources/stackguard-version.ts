/** The version in stackguard's package.json, read once (from src/ in tests and dist/ when built, both two levels down). */

import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function stackguardVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
