/**
 * A compiled copy of rules/ for fast start-up. Parsing and validating ~90 YAML rule files costs about half a
 * second per process; the build writes the loaded rules as one JSON file, stamped with a hash of every rule
 * file's path and content. The loader uses it only when the stamp still matches, so an edited rule is never
 * shadowed by a stale copy: it is simply loaded from YAML again.
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BehaviourRule } from '../core/behaviours/index.js';
import type { ControlRule } from '../core/controls/index.js';

export interface LoadedRules {
  behaviours: BehaviourRule[];
  controls: ControlRule[];
}

interface CompiledFile extends LoadedRules {
  fingerprint: string;
}

/** rules/ at the repository root (this module is one level below src/ or dist/). */
export const RULES_ROOT = fileURLToPath(new URL('../../rules/', import.meta.url));

/** dist/rules.compiled.json next to the compiled code; under src/ (tests, tsx) there is none. */
export const COMPILED_RULES_FILE = fileURLToPath(new URL('../rules.compiled.json', import.meta.url));

export function rulesFingerprint(root: string = RULES_ROOT): string {
  const hash = createHash('sha256');
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function readCompiledRules(fingerprint: string, file: string = COMPILED_RULES_FILE): LoadedRules | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledFile;
    return compiled.fingerprint === fingerprint ? { behaviours: compiled.behaviours, controls: compiled.controls } : undefined;
  } catch {
    return undefined; // A damaged cache is no reason to fail: the YAML is the source of truth.
  }
}

export function writeCompiledRules(rules: LoadedRules, fingerprint: string, file: string = COMPILED_RULES_FILE): void {
  const compiled: CompiledFile = { fingerprint, ...rules };
  writeFileSync(file, JSON.stringify(compiled));
}
