/**
 * The two programs the benchmark times over the same pair of assemblies, and how each one's output is checked:
 * a run that does not do the work (wrong stack count, output that is not the report) is a harness error, not a
 * fast run.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Measurement } from './measure.js';

export interface Contender {
  name: 'floor' | 'stackguard';
  script: string;
  args: string[];
  /** Throws when the run's output is not what the program must produce; returns what it reported. */
  check: (run: Measurement) => Record<string, unknown>;
}

export function floorContender(repoRoot: string, baseDir: string, headDir: string, stacks: number): Contender {
  return {
    name: 'floor',
    script: path.join(repoRoot, 'bench', 'floor.mjs'),
    args: [baseDir, headDir],
    check: (run) => {
      if (run.exitCode !== 0) throw new Error(`the floor exited with ${run.exitCode}:\n${run.stderr.slice(-2000)}`);
      const output = JSON.parse(run.stdout) as { stacks?: unknown; differences?: unknown };
      if (output.stacks !== stacks) throw new Error(`the floor diffed ${String(output.stacks)} stacks, expected ${stacks}`);
      return { stacks: output.stacks, differences: output.differences };
    },
  };
}

/** Null when the CLI is not built: `npm run build` compiles it to dist/. */
export function stackguardContender(repoRoot: string, baseDir: string, headDir: string, stacks: number): Contender | null {
  if (!existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) return null;
  return {
    name: 'stackguard',
    script: path.join(repoRoot, 'bin', 'stackguard.js'),
    args: ['review', '--base', baseDir, '--head', headDir, '--format', 'json'],
    check: (run) => {
      // 1 means "blocking changes found", which a 10%-changed pair is expected to have.
      if (run.exitCode !== 0 && run.exitCode !== 1) {
        throw new Error(`stackguard exited with ${run.exitCode}:\n${run.stderr.slice(-2000)}`);
      }
      let report: { schemaVersion?: unknown; summary?: Record<string, unknown> };
      try {
        report = JSON.parse(run.stdout) as typeof report;
      } catch (error) {
        throw new Error(`stackguard's stdout is not JSON (${(error as Error).message}): ${run.stdout.slice(0, 300)}`);
      }
      if (report.schemaVersion !== 1) {
        throw new Error(`stackguard's report has schemaVersion ${String(report.schemaVersion)}, expected 1`);
      }
      if (report.summary?.['stacks'] !== stacks) {
        throw new Error(`stackguard reported ${String(report.summary?.['stacks'])} stacks, expected ${stacks}`);
      }
      const { changes, blocking, byDowntime } = report.summary;
      return { exitCode: run.exitCode, changes, blocking, byDowntime };
    },
  };
}
