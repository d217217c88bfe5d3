/**
 * Stops what a superseded review left running: every process group that has a member working inside the review's
 * folder. The synth and the install run in process groups of their own whose leader (`/bin/sh -c …`) runs in the
 * app folder; killing the group makes `runInProcessGroup` return at once, and the review then ends as superseded
 * instead of waiting for the synth timeout.
 *
 * Linux-only (it reads /proc), which is where the App runs; elsewhere it finds nothing and the review stops at
 * its next step or at the synth timeout. The cleaner seam would be an AbortSignal option on `synthesizeApp`
 * and `runInProcessGroup` (src/sources/), which these do not have.
 */

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export function stopProcessesUnder(dir: string): number[] {
  const root = path.resolve(dir);
  const groups = new Set<number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd !== root && !cwd.startsWith(root + path.sep)) continue;
      const group = processGroupOf(Number(entry));
      // Never the App's own group: only detached children (their own group) are stopped.
      if (group !== null && group > 1 && group !== processGroupOf(process.pid)) groups.add(group);
    } catch {
      // The process ended while we looked, or belongs to another user.
    }
  }
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return [...groups];
}

/** Field 5 of /proc/<pid>/stat; the command name before it may contain spaces and parentheses. */
function processGroupOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]);
  } catch {
    return null;
  }
}
