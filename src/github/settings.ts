/**
 * The App's own settings, read from the environment once at start. Repository behaviour (what blocks, who may
 * acknowledge, the synth timeout) lives in `.github/stackguard.yml`; these are the operator's knobs: how much work
 * runs at once, where it runs, and how large a downloaded repository may be.
 */

import os from 'node:os';
import path from 'node:path';
import { SYNTH_MODES, type SynthMode } from '../config/schema/synth.js';
import type { SynthLimits } from '../sources/synth-limits.js';

export interface AppSettings {
  /** Reviews that run at the same time, over all repositories. */
  concurrency: number;
  /** Reviews of one repository that run at the same time: a hung repository holds at most this many slots. */
  perRepositoryConcurrency: number;
  /** Where each review's source trees are extracted; one fresh folder per review, removed afterwards. */
  workDir: string;
  /** Where installed dependencies are kept between reviews, keyed by the lockfile's hash. */
  cacheDir: string;
  /** Largest tarball downloaded from GitHub, compressed. */
  maxDownloadBytes: number;
  /** Largest total size of the files extracted from one tarball. */
  maxExtractedBytes: number;
  /** Most entries extracted from one tarball. */
  maxEntries: number;
  /** Where repositories whose config sets no `synth.mode` are synthesized (default `app`: on the App's host). */
  synthMode?: SynthMode;
  /** Memory, disk and output limits of each synth (head and base); none when absent. */
  synthLimits?: SynthLimits;
}

const MIB = 1024 * 1024;

export const SETTINGS_ENV = {
  concurrency: 'STACKGUARD_CONCURRENCY',
  perRepositoryConcurrency: 'STACKGUARD_CONCURRENCY_PER_REPO',
  workDir: 'STACKGUARD_WORK_DIR',
  cacheDir: 'STACKGUARD_CACHE_DIR',
  maxDownloadMiB: 'STACKGUARD_MAX_DOWNLOAD_MB',
  maxExtractedMiB: 'STACKGUARD_MAX_EXTRACT_MB',
  maxEntries: 'STACKGUARD_MAX_FILES',
  synthMode: 'STACKGUARD_SYNTH_MODE',
  synthMemoryMiB: 'STACKGUARD_SYNTH_MEMORY_MB',
  synthDiskMiB: 'STACKGUARD_SYNTH_DISK_MB',
  synthOutputMiB: 'STACKGUARD_SYNTH_OUTPUT_MB',
} as const;

export function readSettings(env: NodeJS.ProcessEnv = process.env): AppSettings {
  return {
    concurrency: positiveInteger(env, SETTINGS_ENV.concurrency, 2),
    perRepositoryConcurrency: positiveInteger(env, SETTINGS_ENV.perRepositoryConcurrency, 1),
    workDir: path.resolve(env[SETTINGS_ENV.workDir] || path.join(os.tmpdir(), 'stackguard-work')),
    cacheDir: path.resolve(env[SETTINGS_ENV.cacheDir] || path.join(os.tmpdir(), 'stackguard-cache')),
    maxDownloadBytes: positiveInteger(env, SETTINGS_ENV.maxDownloadMiB, 200) * MIB,
    maxExtractedBytes: positiveInteger(env, SETTINGS_ENV.maxExtractedMiB, 1000) * MIB,
    maxEntries: positiveInteger(env, SETTINGS_ENV.maxEntries, 100_000),
    synthMode: synthMode(env[SETTINGS_ENV.synthMode]),
    synthLimits: {
      memoryBytes: positiveInteger(env, SETTINGS_ENV.synthMemoryMiB, 4096) * MIB,
      diskBytes: positiveInteger(env, SETTINGS_ENV.synthDiskMiB, 2048) * MIB,
      outputBytes: positiveInteger(env, SETTINGS_ENV.synthOutputMiB, 64) * MIB,
    },
  };
}

/** A repository's synth mode: its config's `synth.mode`, else the App's default. */
export function synthModeOf(config: { synth: { mode?: SynthMode } }, settings: Pick<AppSettings, 'synthMode'>): SynthMode {
  return config.synth.mode ?? settings.synthMode ?? 'app';
}

function synthMode(raw: string | undefined): SynthMode {
  if (raw === undefined || raw.trim() === '') return 'app';
  if (!(SYNTH_MODES as readonly string[]).includes(raw.trim())) throw new Error(`${SETTINGS_ENV.synthMode} must be one of ${SYNTH_MODES.join(', ')}; got "${raw}".`);
  return raw.trim() as SynthMode;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    // Failing at start beats running with a limit the operator did not mean.
    throw new Error(`${name} must be a whole number of at least 1; got "${raw}".`);
  }
  return value;
}
