import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the processes of a group that are still running (zombies, already dead, are left out). */
export function liveMembers(processGroup: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = readStat(Number(entry));
    if (fields && fields.processGroup === processGroup && fields.state !== 'Z') members.push(Number(entry));
  }
  return members;
}

export function isRunning(pid: number): boolean {
  const fields = readStat(pid);
  return fields !== null && fields.state !== 'Z';
}

/** Fields 3 (state) and 5 (process group) of /proc/<pid>/stat; the command name before them may hold spaces. */
function readStat(pid: number): { state: string; processGroup: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', processGroup: Number(processGroup) };
  } catch {
    return null;
  }
}

/** The process group of the first process whose command line contains every one of `texts`, or null. */
export function processGroupOfCommandLine(texts: string[]): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (texts.every((text) => commandLine.includes(text))) {
        return readStat(Number(entry))?.processGroup ?? null;
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

/** Polls until `probe` returns a value other than null, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`nothing found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The members of a group still running after up to `timeoutMs`: SIGKILL returns before the kernel has torn the
 * processes down, and on a loaded machine that takes a moment.
 */
export async function survivors(processGroup: number, timeoutMs = 2_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let members = liveMembers(processGroup);
  while (members.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    members = liveMembers(processGroup);
  }
  return members;
}
