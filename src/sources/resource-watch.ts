/**
 * The watchdog of a running synth: every `everyMs` it measures the resident memory of the synth's process group,
 * what the synth's folders grew by, and what it printed, and stops the group on the first limit exceeded. It
 * triggers on what it measures, never on elapsed time. Hand-written: no maintained package watches a process
 * group's memory and folders together, and each measure is a few lines over /proc and the file system.
 */

import { readdir, readFile, lstat } from 'node:fs/promises';
import path from 'node:path';
import { mib, type SynthLimits } from './synth-limits.js';

export interface WatchTargets {
  groupId: number;
  /** Folders whose growth counts against the disk budget; `node_modules` folders inside are skipped. */
  folders: readonly string[];
  printedBytes: () => number;
}

export interface Watch {
  stop(): void;
}

export function watchResources(targets: WatchTargets, limits: SynthLimits, onExceeded: (cause: string) => void, everyMs = 200): Watch {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const baseline = limits.diskBytes === undefined ? Promise.resolve(0) : diskUsage(targets.folders);
  const tick = async () => {
    const cause = await exceeded(targets, limits, await baseline);
    if (stopped) return;
    if (cause) {
      stopped = true;
      onExceeded(cause);
      return;
    }
    timer = setTimeout(() => void tick(), everyMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

async function exceeded(targets: WatchTargets, limits: SynthLimits, diskBaseline: number): Promise<string | undefined> {
  if (limits.outputBytes !== undefined && targets.printedBytes() > limits.outputBytes) {
    return `it printed more than ${mib(limits.outputBytes)} of output`;
  }
  if (limits.memoryBytes !== undefined) {
    const resident = await groupResidentBytes(targets.groupId);
    if (resident > limits.memoryBytes) return `it used more than ${mib(limits.memoryBytes)} of memory (${mib(resident)} resident)`;
  }
  if (limits.diskBytes !== undefined) {
    const grown = (await diskUsage(targets.folders)) - diskBaseline;
    if (grown > limits.diskBytes) return `it wrote more than the disk budget of ${mib(limits.diskBytes)} (${mib(grown)})`;
  }
  return undefined;
}

/** The summed RSS of every process in the group, from /proc (0 where there is no /proc). */
export async function groupResidentBytes(groupId: number): Promise<number> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  let kib = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // After the command name (which may hold spaces and parentheses): state, ppid, pgrp, …
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (pgrp !== groupId) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    kib += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  }
  return kib * 1024;
}

/** Bytes allocated on disk under the folders, skipping node_modules (installed before the synth, and huge). */
export async function diskUsage(folders: readonly string[]): Promise<number> {
  let total = 0;
  const pending = [...folders];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') pending.push(full);
        continue;
      }
      const stat = await lstat(full).catch(() => undefined);
      total += stat ? stat.blocks * 512 : 0;
    }
  }
  return total;
}
