import { spawn } from 'node:child_process';
import type { LogTail } from './log-tail.js';

export interface GroupRunOptions {
  /** A shell command line, run with `/bin/sh -c`. */
  command: string;
  cwd: string;
  /** The child's complete environment: nothing is inherited beyond it. */
  env: Record<string, string>;
  timeoutMs: number;
  output: LogTail;
  /** Run (synchronously) if stackguard itself exits or is signalled while the command runs: remove temp folders. */
  onAbort?: () => void;
  /**
   * Starts watching the running group (its id is the leader's pid); calling `stop(cause)` kills the group at once
   * and the run ends with `stoppedFor: cause`. Returns what ends the watching.
   */
  watch?: (groupId: number, stop: (cause: string) => void) => { stop(): void };
}

export interface GroupRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Why a watch stopped the group (a limit it exceeded). */
  stoppedFor?: string;
}

/** How long, after the last pipe writer should be gone, to wait for the pipes to close before giving up on them. */
const PIPE_CLOSE_WAIT_MS = 2_000;

/**
 * Runs a command in a process group of its own, so that everything it starts can be stopped together.
 *
 * `sh -c` is the group leader. On timeout the whole group gets SIGTERM, then SIGKILL after a grace period
 * (a tenth of the timeout, between 0.2 s and 5 s). When the leader exits, whatever it left running in its group
 * is killed: a synth has no business leaving processes behind. A process that leaves the group on purpose
 * (`setsid`) escapes this; containing that is the job of the container the App runs in.
 */
export function runInProcessGroup(options: GroupRunOptions): Promise<GroupRunResult> {
  return new Promise((resolve, reject) => {
    let groupId: number | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      if (groupId === undefined) return;
      try {
        process.kill(-groupId, signal);
      } catch {
        // ESRCH: the group is already gone.
      }
    };

    // Listening before the spawn: a signal that arrived between the spawn and the listener would otherwise take
    // Node's default action (exit at once) and leave the detached group running. A listener runs from the event
    // loop, so by the time it does, `groupId` is set.
    const stopOnOwnExit = killGroupWhenStackguardStops(() => {
      killGroup('SIGKILL');
      options.onAbort?.();
    });

    const child = spawnGroupLeader(options, stopOnOwnExit);
    groupId = child.pid;
    const stdout = options.output.sink();
    const stderr = options.output.sink();
    child.stdout.on('data', (chunk: Buffer) => stdout.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.write(chunk));

    let stoppedFor: string | undefined;
    const watch = child.pid === undefined ? undefined : options.watch?.(child.pid, (cause) => {
      stoppedFor ??= cause;
      // A group over a limit gets no grace period: a runaway would only grow further.
      killGroup('SIGKILL');
    });

    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    const graceMs = Math.min(5_000, Math.max(200, options.timeoutMs / 10));
    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), graceMs);
    }, Math.max(0, options.timeoutMs));

    let exit: { exitCode: number | null; signal: NodeJS.Signals | null } = { exitCode: null, signal: null };
    child.on('error', (error) => {
      watch?.stop();
      stopOnOwnExit();
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      reject(error);
    });
    child.on('exit', (exitCode, signal) => {
      exit = { exitCode, signal };
      watch?.stop();
      stopOnOwnExit();
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      killGroup('SIGKILL');
      // A process that left the group may still hold the pipes open; do not wait for it forever.
      closeTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_CLOSE_WAIT_MS);
    });
    child.on('close', () => {
      clearTimeout(closeTimer);
      stdout.end();
      stderr.end();
      resolve({ ...exit, timedOut, ...(stoppedFor !== undefined ? { stoppedFor } : {}) });
    });
  });
}

/** `sh -c command` as the leader of a new process group; a spawn that throws removes the signal listeners first. */
function spawnGroupLeader(options: GroupRunOptions, stopListening: () => void) {
  try {
    return spawn('/bin/sh', ['-c', options.command], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    stopListening();
    throw error;
  }
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The signal listeners of running groups, told apart from a host's own (the App's graceful stop). */
const GROUP_LISTENERS = new WeakSet<(...args: never[]) => unknown>();

/**
 * The app's group is detached, so Ctrl-C in a terminal does not reach it and it would outlive stackguard (and
 * its timeout). Until the app exits, stackguard's own exit or a terminating signal kills the group first, and
 * the signal is raised again for its default behaviour. A host that handles the signal itself (the App's graceful
 * stop on SIGTERM) decides when its synths stop: it lets them finish within its grace period and aborts the rest,
 * which kills their groups; its exit still kills any group left. Returns the function that removes these handlers.
 */
function killGroupWhenStackguardStops(stop: () => void): () => void {
  const onExit = () => stop();
  const onSignal = (signal: NodeJS.Signals) => {
    // Other synths running at the same time listen too; only a listener that is not one of ours is a host.
    if (process.listeners(signal).some((listener) => !GROUP_LISTENERS.has(listener))) return;
    remove();
    stop();
    process.kill(process.pid, signal);
  };
  const remove = () => {
    process.removeListener('exit', onExit);
    FORWARDED_SIGNALS.forEach((signal) => process.removeListener(signal, onSignal));
  };
  GROUP_LISTENERS.add(onSignal);
  process.once('exit', onExit);
  FORWARDED_SIGNALS.forEach((signal) => process.on(signal, onSignal));
  return remove;
}
