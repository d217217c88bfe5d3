/**
 * The CDK apps of a source tree: the folders listed in the config's `apps`, or else every folder with a
 * `cdk.json`. Dependency folders, synth output and hidden folders are not searched, and symbolic links to folders
 * are not followed (a link could make the search loop or count one app twice).
 */

import { existsSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { StackguardInputError } from '../../errors.js';

export const FIND_APPS_STEP = 'find apps';
const SKIPPED = new Set(['node_modules', 'cdk.out', 'dist', 'build', 'target', 'vendor', '__pycache__']);
const MAX_DEPTH = 8;

/** Repository-relative folders ("." for the root), sorted. */
export async function findApps(root: string, configured: readonly string[] | undefined): Promise<string[]> {
  if (configured !== undefined) return checkConfigured(root, configured);
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.name === 'cdk.json' && entry.isFile())) {
      found.push(path.relative(root, dir).split(path.sep).join('/') || '.');
    }
    if (depth >= MAX_DEPTH) return;
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED.has(entry.name) || entry.name.endsWith('.cdk.out')) continue;
      await walk(path.join(dir, entry.name), depth + 1);
    }
  };
  await walk(root, 0);
  return found.sort();
}

async function checkConfigured(root: string, folders: readonly string[]): Promise<string[]> {
  const realRoot = await realpath(root);
  for (const folder of folders) {
    const dir = path.join(root, folder);
    const real = await realpath(dir).catch(() => undefined);
    if (real !== undefined && real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new StackguardInputError(`The configured app folder "${folder}" leads outside the repository.`, FIND_APPS_STEP);
    }
    if (real === undefined || !existsSync(path.join(dir, 'cdk.json'))) {
      throw new StackguardInputError(
        `.github/stackguard.yml lists the app folder "${folder}" in \`apps\`, but ${folder}/cdk.json does not exist at this commit.`,
        FIND_APPS_STEP,
      );
    }
  }
  return [...folders].sort();
}
