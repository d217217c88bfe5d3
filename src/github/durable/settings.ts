/**
 * The operator's knobs for durability and for running several App processes, read from the environment at start
 * (docs/deploy.md). Kept apart from ../settings.ts because only the server (src/app-server.ts) needs them.
 */

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export interface DurabilitySettings {
  /** Where the file store keeps accepted reviews: the App's data volume. Unused with Redis. */
  stateDir: string;
  /** Redis shared by every App process behind one webhook URL; unset for one process and the file store. */
  redisUrl: string | undefined;
  /** How long a stopping App lets running reviews finish; keep it below the container's stop timeout. */
  stopGraceMs: number;
  /** With Redis: how long a dead process's reviews stay claimed before another process takes them over. */
  leaseMs: number;
  /** Names this process in Redis leases. */
  owner: string;
}

export const DURABILITY_ENV = {
  stateDir: 'STACKGUARD_STATE_DIR',
  redisUrl: 'REDIS_URL',
  stopGraceSeconds: 'STACKGUARD_STOP_GRACE_SECONDS',
  leaseSeconds: 'STACKGUARD_LEASE_SECONDS',
} as const;

export function readDurabilitySettings(env: NodeJS.ProcessEnv = process.env): DurabilitySettings {
  return {
    stateDir: path.resolve(env[DURABILITY_ENV.stateDir] || path.join(os.tmpdir(), 'stackguard-state')),
    redisUrl: env[DURABILITY_ENV.redisUrl] || undefined,
    stopGraceMs: seconds(env, DURABILITY_ENV.stopGraceSeconds, 25, 0) * 1000,
    leaseMs: seconds(env, DURABILITY_ENV.leaseSeconds, 30, 1) * 1000,
    owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < minimum) throw new Error(`${name} must be a number of seconds of at least ${minimum}; got "${raw}".`);
  return value;
}
