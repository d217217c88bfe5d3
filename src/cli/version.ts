/** stackguard's version, from the package.json shipped beside dist/ (and src/, two folders up from this file). */

import { readFileSync } from 'node:fs';

export function stackguardVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}
