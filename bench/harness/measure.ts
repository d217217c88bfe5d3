/**
 * Runs one Node.js script as a child process and measures it: wall time (from the parent, spawn to exit) and
 * peak memory (the child's max RSS).
 *
 * Peak memory comes from GNU time (`/usr/bin/time -f %M`) when it is installed: it reads the child's
 * getrusage from outside and so adds nothing to the measured process. Where it is not (macOS and Windows have
 * no GNU time), a preload (`node --import bench/max-rss-preload.mjs`) writes `process.resourceUsage().maxRSS`,
 * the same getrusage field, at exit, with the CPU times. Both report kilobytes and seconds.
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export type RssMethod = 'gnu-time' | 'preload';

export interface Measurement {
  wallMs: number;
  /** User + system CPU time of the child: less sensitive than wall time to other load on the machine. */
  cpuMs: number;
  maxRssKb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export function detectRssMethod(): RssMethod {
  const probe = spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && `${probe.stdout}${probe.stderr}`.includes('GNU') ? 'gnu-time' : 'preload';
}

export async function measure(
  script: string,
  args: string[],
  cwd: string,
  method: RssMethod,
  preload: string,
): Promise<Measurement> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'stackguard-bench-'));
  const rssFile = path.join(scratch, 'maxrss');
  try {
    const node = process.execPath;
    const [command, argv] =
      method === 'gnu-time'
        ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, node, script, ...args]]
        : [node, ['--import', pathToFileURL(preload).href, script, ...args]];
    const env = { ...process.env, BENCH_MAXRSS_FILE: rssFile, NO_COLOR: '1' };
    const started = performance.now();
    const { exitCode, stdout, stderr } = await run(command, argv, cwd, env);
    const wallMs = performance.now() - started;
    const usage = parseUsage(await readFile(rssFile, 'utf8').catch(() => ''));
    if (usage === null) {
      throw new Error(`no resource usage recorded for ${path.basename(script)} (exit ${exitCode}): ${stderr.slice(-500)}`);
    }
    return { wallMs, ...usage, exitCode, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Both methods write `<max RSS kB> <user s> <system s>` as the last line; GNU time writes "Command exited with
 * non-zero status 1" above it when the child fails.
 */
function parseUsage(text: string): { maxRssKb: number; cpuMs: number } | null {
  const match = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(text.trim().split('\n').pop()?.trim() ?? '');
  if (!match) return null;
  return { maxRssKb: Number(match[1]), cpuMs: Math.round((Number(match[2]) + Number(match[3])) * 1000) };
}

function run(command: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}
