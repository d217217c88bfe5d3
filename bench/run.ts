/**
 * `npm run bench`: generates (or reuses) the seed-scale pair of assemblies, then times the floor (a bare
 * `fullDiff` loop) and `stackguard review --format json` over it, alternating, and reports wall time, peak
 * memory and their ratio against the targets. Writes bench/out/results.json.
 *
 *   node --import tsx bench/run.ts [--runs 3] [--warmup 1] [--force]
 *
 * Not a timed test: it exits non-zero only when the harness itself fails (a program crashes or prints the wrong
 * thing), never because a target is missed.
 */

import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePair } from './generate.js';
import { floorContender, stackguardContender, type Contender } from './harness/contenders.js';
import { detectRssMethod, measure, type Measurement } from './harness/measure.js';
import {
  checkTargets,
  renderTable,
  summarizeRuns,
  TARGET_MEMORY_MB,
  TARGET_RATIO,
  type ContenderResult,
} from './harness/summarize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'bench', 'out');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      force: { type: 'boolean', default: false },
    },
  });
  const runs = integer(values.runs, 'runs', 1);
  const warmup = integer(values.warmup, 'warmup', 0);

  const generationStarted = performance.now();
  const { stamp, reused } = await ensurePair(outDir, {}, values.force);
  console.log(
    `${reused ? 'Reusing' : 'Generated'} bench/out/{base,head} (generator ${stamp.generatorVersion}) ` +
      `in ${((performance.now() - generationStarted) / 1000).toFixed(1)} s`,
  );

  // Relative to the repository root, the children's working directory: the command a user would type.
  const baseDir = path.relative(repoRoot, path.join(outDir, 'base'));
  const headDir = path.relative(repoRoot, path.join(outDir, 'head'));
  const contenders: Contender[] = [floorContender(repoRoot, baseDir, headDir, stamp.stacks)];
  const stackguard = stackguardContender(repoRoot, baseDir, headDir, stamp.stacks);
  if (stackguard) contenders.push(stackguard);
  else console.log('stackguard is not built (no dist/cli/main.js): run `npm run build`. Timing the floor only.');

  const rssMethod = detectRssMethod();
  const preload = path.join(repoRoot, 'bench', 'max-rss-preload.mjs');
  const loadBefore = os.loadavg()[0] ?? 0;
  if (loadBefore > os.cpus().length / 2) {
    const load = `load average ${loadBefore.toFixed(1)} on ${os.cpus().length} CPUs`;
    console.log(`Note: the machine is busy (${load}); wall times will be noisy.`);
  }
  const timed = new Map<Contender, Measurement[]>(contenders.map((contender) => [contender, []]));
  const reported = new Map<Contender, Record<string, unknown>>();
  // Alternating the programs spreads any drift of the machine (caches, other load) over both.
  for (let round = 0; round < warmup + runs; round++) {
    for (const contender of contenders) {
      const run = await measure(contender.script, contender.args, repoRoot, rssMethod, preload);
      reported.set(contender, contender.check(run));
      const label = round < warmup ? 'warm-up' : `run ${round - warmup + 1}/${runs}`;
      console.log(
        `  ${contender.name.padEnd(10)} ${label.padEnd(8)} wall ${(run.wallMs / 1000).toFixed(2)} s  ` +
          `CPU ${(run.cpuMs / 1000).toFixed(2)} s  ${Math.round(run.maxRssKb / 1024)} MB`,
      );
      if (round >= warmup) timed.get(contender)?.push(run);
    }
  }

  const results = new Map<string, ContenderResult>();
  for (const contender of contenders) {
    results.set(contender.name, summarizeRuns(timed.get(contender) ?? [], reported.get(contender) ?? {}));
  }
  const floor = results.get('floor') as ContenderResult;
  const reviewed = results.get('stackguard') ?? null;
  const targets = checkTargets(floor, reviewed);
  const counts = { stacks: stamp.stacks, resources: stamp.baseResources, changed: stamp.changedResources };
  console.log(`\n${renderTable(counts, floor, reviewed, targets)}`);

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    platform: `${os.platform()} ${os.arch()}`,
    node: process.version,
    loadAverageBefore: Math.round(loadBefore * 100) / 100,
    loadAverageAfter: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
  const document = {
    date: new Date().toISOString(),
    machine,
    method: {
      runs,
      warmup,
      rssMethod,
      order: 'alternating floor, stackguard',
      commands: Object.fromEntries(
        contenders.map((c) => [c.name, ['node', path.relative(repoRoot, c.script), ...c.args].join(' ')]),
      ),
    },
    pair: stamp,
    floor,
    stackguard: reviewed ?? { pending: 'dist/cli/main.js not built' },
    targets: { ratioLimit: TARGET_RATIO, memoryLimitMb: TARGET_MEMORY_MB, ...targets },
  };
  await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify(document, null, 2)}\n`);
  console.log('\nWrote bench/out/results.json');
}

function integer(text: string, name: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} must be an integer >= ${minimum}, got ${text}`);
  return value;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
