/**
 * `npm start`: the stackguard GitHub App as a Probot server, configured from the environment as Probot documents
 * it (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST/GHE_PROTOCOL for GitHub Enterprise
 * Server or a local fake, HOST, PORT, LOG_LEVEL, LOG_FORMAT) plus stackguard's own (STACKGUARD_*; see
 * docs/deploy.md).
 *
 * Order matters: the secrets are taken out of the environment and the key file is read first, then, when
 * started as root, the process becomes STACKGUARD_USER (docs/security.md), and only then does the server open
 * its port and start taking pull requests' code.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { run } from 'probot';
import { createStackguardApp } from './github/app.js';
import { awsSource } from './github/baseline/aws-source.js';
import { StackguardOctokit } from './github/octokit.js';
import { dropPrivileges, resolveUser } from './github/privileges.js';
import { FileWorkStore } from './github/durable/file-store.js';
import { RedisWorkStore } from './github/durable/redis-store.js';
import { readDurabilitySettings } from './github/durable/settings.js';
import { captureSecrets } from './github/secrets.js';
import { readSettings } from './github/settings.js';
import { assertKeyOutsideWorkFolders } from './github/startup-checks.js';

async function main(): Promise<void> {
  // As Probot does, a .env file in the working folder supplies variables (Probot's setup flow writes one).
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (!process.env.APP_ID || !(process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH)) {
    // Probot's first-run setup: a page on http://localhost:3000 registers the App from app.yml and writes .env.
    // No pull request is reviewed in this mode; restart once .env exists.
    await run(() => undefined);
    return;
  }
  const settings = readSettings();
  const durability = readDurabilitySettings();
  const secrets = captureSecrets();
  // REDIS_URL is stackguard's (src/github/durable/) and may hold a password: out of the environment like the other
  // secrets, and out of Probot's options, where it would turn on Bottleneck's cluster-wide throttle, which failed
  // webhooks under load in the load test (ERR UNKNOWN_CLIENT). Each process throttles its own requests.
  delete process.env.REDIS_URL;
  delete secrets.probotEnv.REDIS_URL;
  assertKeyOutsideWorkFolders(secrets.keyFile, settings);
  const notes: Array<{ level: 'info' | 'warn'; message: string }> = [];
  const user = process.env.STACKGUARD_USER;
  if (process.getuid?.() === 0) {
    if (!user) {
      throw new Error('stackguard runs pull requests\' code and will not do so as root: set STACKGUARD_USER to the user reviews run as.');
    }
    const runAs = resolveUser(user);
    dropPrivileges(runAs);
    notes.push({ level: 'info', message: `running as ${runAs.name} (${runAs.uid}:${runAs.gid}); the App's environment and memory are out of the synth's reach` });
  } else {
    notes.push({
      level: 'warn',
      message:
        'started as an ordinary user: a synth runs as this same user and can read the App\'s start-up environment through /proc. ' +
        'Start the App as root with STACKGUARD_USER set (the Docker image does) to keep its secrets out of reach.',
    });
  }

  const storeLog = pino({ name: 'stackguard-store' });
  const redis = durability.redisUrl ? new Redis(durability.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : undefined;
  redis?.on('error', (error: Error) => storeLog.warn({ err: error }, 'Redis connection error'));
  const store = redis
    ? new RedisWorkStore(redis, durability.owner, durability.leaseMs, storeLog)
    : new FileWorkStore(path.join(durability.stateDir, 'reviews'), secrets.stateKey, storeLog);
  notes.push({ level: 'info', message: redis ? 'accepted reviews are shared through Redis (REDIS_URL)' : `accepted reviews are recorded in ${durability.stateDir}` });
  const stackguard = createStackguardApp({
    appId: Number(secrets.probotEnv.APP_ID),
    stateKey: secrets.stateKey,
    settings,
    aws: awsSource(),
    startupNotes: notes,
    store,
    redis,
    resumeIntervalMs: redis ? durability.leaseMs / 2 : 60_000,
  });
  const server = await run(stackguard.app, { env: secrets.probotEnv, Octokit: StackguardOctokit });

  // SIGTERM (docker stop, a Kubernetes pod deletion): finish what fits in the grace period, keep the rest.
  // `on`, not `once`: the synth runner re-raises a signal nobody else listens for, which would end the process.
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stackguard.stop(durability.stopGraceMs);
    await server.stop();
    redis?.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
