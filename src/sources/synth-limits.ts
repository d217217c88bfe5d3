/**
 * The resource limits of one synth and how each is enforced. Measured on Linux (Node 20, dash as /bin/sh):
 * - memory: the resident memory of the whole process group, summed from /proc by the watchdog
 *   (resource-watch.ts) and stopped when over. Two limits inside the child make the common case fail fast and
 *   say why: NODE_OPTIONS `--max-old-space-size` (V8's heap; an app can override it on its own command line, and
 *   Buffers live outside it) and RLIMIT_AS (`ulimit -v`) at four times the limit plus 1 GiB, a hard per-process
 *   backstop against growth faster than the watchdog polls. RLIMIT_AS counts address space, not memory: V8
 *   reserves about three times its heap plus a fixed part (with a 256 MiB heap, node crashed without a message
 *   below 1.5 GiB of address space), and WebAssembly reserves about 10 GiB per memory (it failed at 8 GiB, ran
 *   at 12 GiB), so a tighter limit breaks apps that would have fitted.
 * - disk: RLIMIT_FSIZE (`ulimit -f`) bounds every single file the synth writes, anywhere (node gets EFBIG, other
 *   programs SIGXFSZ); the watchdog bounds what the folders of the synth (its HOME, TMPDIR, cloud assembly and
 *   app folder outside node_modules) grow by in all.
 * - output: the bytes printed to stdout and stderr; the log itself is kept bounded by LogTail whatever is printed.
 */

export interface SynthLimits {
  memoryBytes?: number;
  diskBytes?: number;
  outputBytes?: number;
}

const MIB = 1024 * 1024;
const ADDRESS_SPACE_FACTOR = 4;
const ADDRESS_SPACE_EXTRA = 1024 * MIB;

/** The shell lines that set the hard limits before the app's command runs (the limits are inherited). */
export function limitPrefix(limits: SynthLimits): string {
  const lines: string[] = [];
  // A hard limit already lower than ours (set by the container) stays: `ulimit` cannot raise it, and need not.
  if (limits.memoryBytes !== undefined) lines.push(`ulimit -v ${Math.ceil((limits.memoryBytes * ADDRESS_SPACE_FACTOR + ADDRESS_SPACE_EXTRA) / 1024)} 2>/dev/null`);
  // POSIX counts `ulimit -f` in 512-byte blocks.
  if (limits.diskBytes !== undefined) lines.push(`ulimit -f ${Math.ceil(limits.diskBytes / 512)} 2>/dev/null`);
  return lines.map((line) => `${line}; `).join('');
}

/** V8's old-space limit for node children, in MiB; undefined when memory is not limited. */
export function heapLimitMiB(limits: SynthLimits): number | undefined {
  return limits.memoryBytes === undefined ? undefined : Math.max(16, Math.floor(limits.memoryBytes / MIB));
}

const OUT_OF_MEMORY = /heap out of memory|allocation failed|bad_alloc|cannot allocate memory|MemoryError|ENOMEM/i;
const FILE_TOO_LARGE = /EFBIG|file too large|File size limit exceeded/i;

export interface ExitFacts {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Why a synth that failed on its own most likely failed, when a limit explains it: the words node, V8, libc and
 * Python print when memory or file size runs out, or the signal (SIGABRT is how V8 ends on a full heap; the shell
 * reports a child's signal as 128 + its number). Undefined when nothing points at a limit.
 */
export function limitCause(exit: ExitFacts, limits: SynthLimits): string | undefined {
  if (limits.memoryBytes !== undefined && (exit.signal === 'SIGABRT' || exit.exitCode === 128 + 6 || OUT_OF_MEMORY.test(exit.output))) {
    return `it ran out of memory (limit ${mib(limits.memoryBytes)})`;
  }
  if (limits.memoryBytes !== undefined && (exit.signal === 'SIGSEGV' || exit.exitCode === 128 + 11)) {
    // What node does when the address-space limit refuses memory outside its heap (a thread's stack, code space).
    return `it crashed (SIGSEGV), most likely for lack of memory (limit ${mib(limits.memoryBytes)})`;
  }
  if (limits.diskBytes !== undefined && (exit.signal === 'SIGXFSZ' || exit.exitCode === 128 + 25 || FILE_TOO_LARGE.test(exit.output))) {
    return `it wrote a file larger than the disk budget (${mib(limits.diskBytes)})`;
  }
  if (/ENOSPC|no space left on device/i.test(exit.output)) return 'the disk of the App is full';
  return undefined;
}

export function mib(bytes: number): string {
  return `${Math.round(bytes / MIB)} MiB`;
}
