/**
 * Regenerates the committed cloud assemblies of the bundled example: examples/shop/base and examples/shop/head
 * are synthesized into examples/shop/base.cdk.out and examples/shop/head.cdk.out, replacing what was there.
 *
 *   node --import tsx scripts/synth-examples.ts
 *
 * Creation stack traces in an assembly name source files by absolute path (`new DataStack (/home/me/stackguard/
 * examples/shop/head/lib/data-stack.ts:20:5)`). Committed as is, they would name this machine's checkout, so the
 * repository root prefix is cut from every JSON file of the assembly: frames become repo-relative
 * (`examples/shop/head/lib/data-stack.ts:20:5`), the same path a GitHub annotation uses.
 */

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesizeApp } from '../src/sources/synth.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = path.join(repoRoot, 'examples', 'shop');
const VERSIONS = ['base', 'head'] as const;
const SYNTH_TIMEOUT_MS = 180_000;

for (const version of VERSIONS) {
  const appDir = path.join(exampleDir, version);
  const outDir = path.join(exampleDir, `${version}.cdk.out`);
  await rm(outDir, { recursive: true, force: true });
  const { assemblyDir, durationMs } = await synthesizeApp({ appDir, outDir, timeoutMs: SYNTH_TIMEOUT_MS });
  const rewritten = await makeRepoRelative(assemblyDir, repoRoot);
  await assertPortable(assemblyDir, repoRoot);
  const traced = await countTracedResources(assemblyDir, `examples/shop/${version}/lib/`);
  if (traced === 0) {
    throw new Error(`${version}: no creation stack trace points into examples/shop/${version}/lib/ (stack traces off?)`);
  }
  console.log(
    `${version}: ${path.relative(repoRoot, assemblyDir)} in ${(durationMs / 1000).toFixed(1)}s; ` +
      `${rewritten} file(s) made repo-relative; ${traced} resource(s) traced to lib/`,
  );
}

/** Cuts `<repoRoot>/` out of every JSON file of the assembly; returns how many files changed. */
async function makeRepoRelative(assemblyDir: string, root: string): Promise<number> {
  // The prefix as it appears inside a JSON string (backslashes are escaped there on Windows).
  const prefix = JSON.stringify(root + path.sep).slice(1, -1);
  let changed = 0;
  for (const file of await jsonFiles(assemblyDir)) {
    const text = await readFile(file, 'utf8');
    if (!text.includes(prefix)) continue;
    await writeFile(file, text.split(prefix).join(''));
    changed++;
  }
  return changed;
}

/** Fails when any file (asset folders included) still names the checkout: the assembly must review anywhere. */
async function assertPortable(assemblyDir: string, root: string): Promise<void> {
  const entries = await readdir(assemblyDir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file, 'utf8')).includes(root)) {
      throw new Error(`${path.relative(root, file)} still contains the absolute path ${root}`);
    }
  }
}

/** How many resources (`aws:cdk:logicalId` entries) have a creation stack frame in the app's lib/ folder. */
async function countTracedResources(assemblyDir: string, libPrefix: string): Promise<number> {
  let traced = 0;
  for (const file of await jsonFiles(assemblyDir)) {
    if (!file.endsWith('.metadata.json') && path.basename(file) !== 'manifest.json') continue;
    const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
    for (const entries of metadataEntryLists(json)) {
      const isResource = entries.some((e) => e.type === 'aws:cdk:logicalId');
      const frames = entries.find((e) => e.type === 'aws:cdk:creationStack')?.data;
      if (isResource && Array.isArray(frames) && frames.some((f) => typeof f === 'string' && f.includes(libPrefix))) {
        traced++;
      }
    }
  }
  return traced;
}

interface MetadataEntry {
  type: string;
  data?: unknown;
}

/**
 * Metadata lives either in `<Stack>.metadata.json` (path → entries) or inline in manifest.json under each
 * artifact's `metadata`, depending on the aws-cdk-lib version; both are maps from construct path to entries.
 */
function metadataEntryLists(json: unknown): MetadataEntry[][] {
  if (typeof json !== 'object' || json === null) return [];
  const artifacts = (json as { artifacts?: Record<string, { metadata?: Record<string, MetadataEntry[]> }> }).artifacts;
  const maps = artifacts ? Object.values(artifacts).map((a) => a.metadata ?? {}) : [json as Record<string, unknown>];
  return maps.flatMap((map) => Object.values(map).filter(Array.isArray) as MetadataEntry[][]);
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name));
}
