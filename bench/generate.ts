/**
 * Generates the benchmark's pair of cloud assemblies: `<out>/base` and `<out>/head`, 70 stacks and a little
 * over 10,000 resources at seed scale, with about 10% of the resources changed in head. Deterministic: the
 * same seed and generator sources give the same bytes.
 *
 *   node --import tsx bench/generate.ts [--out bench/out] [--force]
 */

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBase } from './generator/build-base.js';
import { planStacks, SEED_SCALE, type Sizes } from './generator/layout.js';
import type { StackModel } from './generator/model.js';
import { mutateStack } from './generator/mutate.js';
import { countPair, type PairCounts } from './generator/summary.js';
import { writeAssembly } from './generator/write-assembly.js';

export { SEED_SCALE, type Sizes } from './generator/layout.js';

export const DEFAULT_SEED = 'stackguard-bench-1';
export const DEFAULT_CHANGE_RATE = 0.1;
export const PAIR_FILE = 'pair.json';
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface GenerateOptions {
  seed?: string;
  sizes?: Sizes;
  changeRate?: number;
}

export interface Pair {
  base: StackModel[];
  head: StackModel[];
  counts: PairCounts;
  /** Mutation name → how many times it was applied over all stacks. */
  mutations: Record<string, number>;
}

/** What `<out>/pair.json` records, so a later run can reuse the assemblies when nothing changed. */
export interface PairStamp extends PairCounts {
  generatorVersion: string;
  seed: string;
  sizes: Sizes;
  changeRate: number;
  mutations: Record<string, number>;
}

export function generatePair(options: GenerateOptions = {}): Pair {
  const seed = options.seed ?? DEFAULT_SEED;
  const sizes = options.sizes ?? SEED_SCALE;
  const plans = planStacks(sizes);
  const base = buildBase(seed, sizes);
  const changeRate = options.changeRate ?? DEFAULT_CHANGE_RATE;
  const mutated = base.map((stack, i) => mutateStack(stack, plans[i]!, seed, changeRate));
  const head = mutated.map((stack) => stack.head);
  const mutations: Record<string, number> = {};
  for (const { applied } of mutated) {
    for (const [name, count] of Object.entries(applied)) mutations[name] = (mutations[name] ?? 0) + count;
  }
  return { base, head, counts: countPair(base, head), mutations: sortedByKey(mutations) };
}

function sortedByKey(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** A hash of the generator's own sources: any edit to them invalidates assemblies generated before. */
export async function generatorVersion(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(path.join(BENCH_DIR, 'generator'), { recursive: true }))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join('generator', file))
    .concat('generate.ts')
    .sort();
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(await readFile(path.join(BENCH_DIR, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Writes `<outDir>/base`, `<outDir>/head` and `<outDir>/pair.json`, unless pair.json shows the same generator
 * version and options already produced them (`force` regenerates anyway). Returns the stamp and whether it reused.
 */
export async function ensurePair(
  outDir: string,
  options: GenerateOptions = {},
  force = false,
): Promise<{ stamp: PairStamp; reused: boolean }> {
  const wanted = {
    generatorVersion: await generatorVersion(),
    seed: options.seed ?? DEFAULT_SEED,
    sizes: options.sizes ?? SEED_SCALE,
    changeRate: options.changeRate ?? DEFAULT_CHANGE_RATE,
  };
  const existing = force ? null : await readStamp(outDir);
  if (existing && JSON.stringify({ ...existing, ...wanted }) === JSON.stringify(existing)) {
    return { stamp: existing, reused: true };
  }
  const pair = generatePair(wanted);
  await writeAssembly(path.join(outDir, 'base'), pair.base);
  await writeAssembly(path.join(outDir, 'head'), pair.head);
  const stamp: PairStamp = { ...wanted, ...pair.counts, mutations: pair.mutations };
  await writeFile(path.join(outDir, PAIR_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return { stamp, reused: false };
}

async function readStamp(outDir: string): Promise<PairStamp | null> {
  try {
    return JSON.parse(await readFile(path.join(outDir, PAIR_FILE), 'utf8')) as PairStamp;
  } catch {
    return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = path.resolve(outIndex >= 0 ? (args[outIndex + 1] ?? '') : path.join(BENCH_DIR, 'out'));
  const { stamp, reused } = await ensurePair(outDir, {}, args.includes('--force'));
  console.log(
    `${reused ? 'Reused' : 'Generated'} ${outDir}/{base,head}: ${stamp.stacks} stacks, ` +
      `${stamp.baseResources} resources in base, ${stamp.headResources} in head, ${stamp.changedResources} changed.`,
  );
}
