/**
 * Synthesizes a CDK app from a pull request, in a sandbox.
 *
 * Hand-written rather than built on @aws-cdk/toolkit-lib (`Toolkit.fromCdkApp` + `synth`), because toolkit-lib
 * cannot keep its sandbox rules: it starts the app with the whole `process.env` plus additions (only a
 * deny-list is possible, by setting names to undefined), it spawns the shell without a process group and has no
 * timeout, so a hanging app or a grandchild it started cannot be stopped, and it would bring the AWS SDK and
 * default-account resolution along. What we reuse from it is its behaviour: the context precedence, the
 * context overflow file, and running `app` through a shell in the app's folder.
 */

import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import { assertSynthesized } from './assembly-check.js';
import { appCommandLine } from './app-command.js';
import { readCdkAppConfig } from './cdk-app-config.js';
import { LogTail } from './log-tail.js';
import { runInProcessGroup } from './process-group.js';
import { removeTree, removeTreeSync } from './remove-tree.js';
import { watchResources } from './resource-watch.js';
import { sandboxEnvironment } from './sandbox-env.js';
import { heapLimitMiB, limitCause, limitPrefix, type SynthLimits } from './synth-limits.js';

export interface SynthOptions {
  /** The folder with the app's cdk.json. */
  appDir: string;
  /** Where to write the cloud assembly; default a fresh temporary folder. A previous assembly there is replaced. */
  outDir?: string;
  /** Default 600 000 (ten minutes), for the build command and the app together. */
  timeoutMs?: number;
  /** Memory, disk and output limits (synth-limits.ts); none by default. */
  limits?: SynthLimits;
}

export interface SynthResult {
  assemblyDir: string;
  durationMs: number;
  /** The first and last lines the app printed (stdout and stderr interleaved), bounded in size. */
  logTail: string;
}

const STEP = 'synth';
const DEFAULT_TIMEOUT_MS = 600_000;
/** Lines kept from the start of the output, besides its end: what the build printed before it failed. */
const HEAD_LINES = 20;

export async function synthesizeApp(options: SynthOptions): Promise<SynthResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const appDir = path.resolve(options.appDir);
  const config = await readCdkAppConfig(appDir);
  const outDir = options.outDir !== undefined ? await prepareOutDir(path.resolve(options.outDir)) : await freshDir('assembly');
  const sandbox = await freshDir('synth');
  const folders = { home: path.join(sandbox, 'home'), tmp: path.join(sandbox, 'tmp'), scratch: sandbox, outDir };
  await Promise.all([mkdir(folders.home), mkdir(folders.tmp)]);

  const output = new LogTail(200, 64 * 1024, HEAD_LINES);
  const limits = options.limits ?? {};
  const watched = [sandbox, outDir, appDir];
  const watch = Object.values(limits).some((limit) => limit !== undefined)
    ? (groupId: number, stop: (cause: string) => void) => watchResources({ groupId, folders: watched, printedBytes: () => output.totalBytes }, limits, stop)
    : undefined;
  let succeeded = false;
  try {
    const env = await sandboxEnvironment(folders, config.context, process.env, heapLimitMiB(limits));
    const commands = [
      ...(config.build !== undefined ? [{ label: 'build', command: config.build }] : []),
      { label: 'app', command: appCommandLine(config.app, appDir) },
    ];
    for (const { label, command } of commands) {
      const result = await runInProcessGroup({
        command: limitPrefix(limits) + command,
        cwd: appDir,
        env,
        timeoutMs: started + timeoutMs - Date.now(),
        output,
        onAbort: () => {
          removeTreeSync(sandbox);
          if (options.outDir === undefined) removeTreeSync(outDir);
        },
        watch,
      });
      if (result.stoppedFor !== undefined) {
        throw new StackguardInputError(`The CDK app in ${appDir} was stopped: ${result.stoppedFor} (${label}: ${command}).`, STEP, output.toString());
      }
      if (result.timedOut) {
        throw new StackguardInputError(
          `Synthesizing the CDK app in ${appDir} took longer than ${seconds(timeoutMs)}; it was stopped (${label}: ${command}).`,
          STEP,
          output.toString(),
        );
      }
      if (result.exitCode !== 0) {
        const how = result.exitCode !== null ? `exited with code ${result.exitCode}` : `was killed by ${result.signal}`;
        const cause = limitCause({ ...result, output: output.toString() }, limits);
        throw new StackguardInputError(
          `The CDK app in ${appDir} failed to synthesize: its ${label} command (${command}) ${how}${cause ? `; ${cause}` : ''}.`,
          STEP,
          output.toString(),
        );
      }
    }
    await assertSynthesized(outDir, appDir, output.toString());
    succeeded = true;
    return { assemblyDir: outDir, durationMs: Date.now() - started, logTail: output.toString() };
  } finally {
    await removeTree(sandbox);
    if (!succeeded && options.outDir === undefined) {
      await removeTree(outDir);
    }
  }
}

async function freshDir(purpose: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `stackguard-${purpose}-`));
}

/**
 * Empties a previous cloud assembly so no stale template survives, but refuses to write into a folder with
 * other contents: deleting a folder the caller named by mistake would be worse than failing.
 */
async function prepareOutDir(outDir: string): Promise<string> {
  const entries = await readdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new StackguardInputError(`The output folder ${outDir} cannot be read (${error.code}).`, STEP);
  });
  if (entries === null) {
    await mkdir(outDir, { recursive: true });
  } else if (entries.includes('manifest.json')) {
    await removeTree(outDir);
    await mkdir(outDir, { recursive: true });
  } else if (entries.length > 0) {
    throw new StackguardInputError(
      `The output folder ${outDir} is not empty and holds no cloud assembly; refusing to write into it.`,
      STEP,
    );
  }
  return outDir;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
