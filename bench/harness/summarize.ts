/** Turns runs into figures (median wall and CPU time, peak memory, ratios), checks the targets, prints the table. */

import type { Measurement } from './measure.js';

export const TARGET_RATIO = 1.5;
export const TARGET_MEMORY_MB = 500;

export interface ContenderResult {
  wallMs: number[];
  medianMs: number;
  cpuMs: number[];
  medianCpuMs: number;
  /** The highest max RSS over the timed runs. */
  peakRssMb: number;
  reported: Record<string, unknown>;
}

export function summarizeRuns(runs: readonly Measurement[], reported: Record<string, unknown>): ContenderResult {
  const wallMs = runs.map((run) => Math.round(run.wallMs));
  const cpuMs = runs.map((run) => run.cpuMs);
  return {
    wallMs,
    medianMs: median(wallMs),
    cpuMs,
    medianCpuMs: median(cpuMs),
    peakRssMb: Math.round(Math.max(...runs.map((run) => run.maxRssKb)) / 1024),
    reported,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Targets {
  /** Median wall time of stackguard over that of the floor: the figure the target is about. */
  ratio: number | null;
  /** The same with CPU time, for a machine that was not idle. */
  cpuRatio: number | null;
  ratioMet: boolean | null;
  memoryMet: boolean | null;
}

const ratioOf = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

export function checkTargets(floor: ContenderResult, stackguard: ContenderResult | null): Targets {
  if (!stackguard) return { ratio: null, cpuRatio: null, ratioMet: null, memoryMet: null };
  const ratio = ratioOf(stackguard.medianMs, floor.medianMs);
  return {
    ratio,
    cpuRatio: ratioOf(stackguard.medianCpuMs, floor.medianCpuMs),
    ratioMet: ratio <= TARGET_RATIO,
    memoryMet: stackguard.peakRssMb < TARGET_MEMORY_MB,
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const verdict = (met: boolean | null): string => (met === null ? 'pending' : met ? 'met' : 'NOT met');
const times = (ratio: number | null): string => (ratio === null ? 'pending' : `${ratio.toFixed(2)}x`);

function row(name: string, result: ContenderResult | null): string[] {
  if (!result) return [name, 'pending', 'CLI not built (npm run build)', '-', '-'];
  const eachRun = result.wallMs.map(seconds).join(', ');
  return [name, seconds(result.medianMs), eachRun, seconds(result.medianCpuMs), `${result.peakRssMb} MB`];
}

export function renderTable(
  counts: { stacks: number; resources: number; changed: number },
  floor: ContenderResult,
  stackguard: ContenderResult | null,
  targets: Targets,
): string {
  const rows = [
    ['', 'wall (median)', 'wall, each run', 'CPU (median)', 'peak RSS'],
    row('floor (fullDiff loop)', floor),
    row('stackguard review --format json', stackguard),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => cells[column]?.length ?? 0)));
  const lines = rows.map((cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return [
    `${counts.stacks} stacks, ${counts.resources} resources in base, ${counts.changed} changed in head`,
    '',
    ...lines,
    '',
    `ratio stackguard / floor, wall time: ${times(targets.ratio)}  ` +
      `(target <= ${TARGET_RATIO}x: ${verdict(targets.ratioMet)})`,
    `ratio stackguard / floor, CPU time:  ${times(targets.cpuRatio)}`,
    `stackguard peak memory: ${stackguard ? `${stackguard.peakRssMb} MB` : 'pending'}  ` +
      `(target < ${TARGET_MEMORY_MB} MB: ${verdict(targets.memoryMet)})`,
  ].join('\n');
}
