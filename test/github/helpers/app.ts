/**
 * A fresh Probot with the stackguard App loaded, per test, as Probot's testing guidance says: retry and
 * throttling off through the function form of `ProbotOctokit.defaults`, a logger that keeps every line for
 * assertions, and a fixed clock so snapshots of what the App posts do not change from run to run.
 */

import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { createStackguardApp, type StackguardApp } from '../../../src/github/app.js';
import type { AwsSource } from '../../../src/github/baseline/choose-baseline.js';
import type { DependencyInstaller } from '../../../src/github/install/installer.js';
import type { AppSettings } from '../../../src/github/settings.js';
import { tempDir } from './files.js';

export const APP_ID = 4242;
export const STATE_KEY = 'test-state-key';
export const NOW = new Date('2026-03-02T10:00:00.000Z');

let privateKey: string | undefined;
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return privateKey;
}

export interface TestApp extends StackguardApp {
  probot: Probot;
  logs: Array<Record<string, unknown>>;
  settings: AppSettings;
}

export interface TestAppOptions {
  settings?: Partial<AppSettings>;
  installer?: DependencyInstaller;
  Octokit?: typeof ProbotOctokit;
  now?: () => Date;
  aws?: AwsSource;
}

export async function testApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logs: Array<Record<string, unknown>> = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testPrivateKey(),
    log,
    Octokit:
      options.Octokit ??
      ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const work = await tempDir('stackguard-app-');
  const settings: AppSettings = {
    concurrency: 2,
    perRepositoryConcurrency: 1,
    workDir: path.join(work, 'work'),
    cacheDir: path.join(work, 'cache'),
    maxDownloadBytes: 20 * 1024 * 1024,
    maxExtractedBytes: 50 * 1024 * 1024,
    maxEntries: 10_000,
    ...options.settings,
  };
  const stackguard = createStackguardApp({ appId: APP_ID, stateKey: STATE_KEY, settings, installer: options.installer, aws: options.aws, now: options.now ?? (() => NOW) });
  await probot.load(stackguard.app);
  return { ...stackguard, probot, logs, settings };
}

let deliveries = 0;
/** Delivers a webhook as GitHub would; a fixed `id` replays a delivery. */
export async function deliver(app: TestApp, name: string, payload: object, id = `delivery-${++deliveries}`): Promise<string> {
  await app.probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
  return id;
}
