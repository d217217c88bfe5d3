/**
 * The App as `npm start` runs it (node on src/app-server.ts, configured by environment variables), as a child
 * process of the test, so that the test can kill it with SIGKILL or stop it with SIGTERM and start it again.
 * Started as root (CI here is), it drops to `nobody` as the Docker image drops to its own user.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPrivateKey } from '../github/helpers/app.js';
import { eventually, freePort } from './webhooks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const isRoot = process.getuid?.() === 0;

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Everything the App logged so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string | null>;
}

export async function startAppProcess(options: { appId: number; secret: string; githubHost: string; env: Record<string, string> }): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app-server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: String(options.appId),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: options.secret,
      GHE_HOST: options.githubHost,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...(isRoot ? { STACKGUARD_USER: 'nobody' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  await eventually(() => (text.includes('Listening on') ? true : undefined), 30_000, `the App to start:\n${text}`);
  return { child, url: `http://127.0.0.1:${port}`, output: () => text, exited };
}
