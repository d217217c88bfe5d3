/**
 * The GitHub client of `stackguard evidence`: the App's Octokit class (Probot's, with pagination, server errors
 * retried and rate limits waited out: src/github/octokit.ts), authenticated with a token (GITHUB_TOKEN) or as an installation
 * of the App (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, and --installation-id), against github.com or the GitHub
 * Enterprise Server API named by GITHUB_API_URL.
 */

import { readFileSync } from 'node:fs';
import { StackguardInputError } from '../errors.js';
import type { Octokit } from '../github/github-types.js';
import { createStackguardOctokit, type RetryTiming } from '../github/octokit.js';

export const EVIDENCE_STEP = 'evidence';
export const DEFAULT_API_URL = 'https://api.github.com';

export type EvidenceAuth =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: number; privateKey: string; installationId: number };

export interface EvidenceConnection {
  auth: EvidenceAuth;
  apiUrl: string;
  /** The key the App signs its records with: STACKGUARD_STATE_KEY, else WEBHOOK_SECRET (as the App falls back). */
  stateKey: string | undefined;
  /** The App whose check runs count: --app-id, else APP_ID. */
  appId: number | undefined;
}

export function connectionFromEnv(env: NodeJS.ProcessEnv, options: { installationId?: string; appId?: string }): EvidenceConnection {
  const apiUrl = (env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  const stateKey = env.STACKGUARD_STATE_KEY || env.WEBHOOK_SECRET || undefined;
  const appId = whole(options.appId ?? env.APP_ID, '--app-id (or APP_ID)');
  if (env.GITHUB_TOKEN) return { auth: { kind: 'token', token: env.GITHUB_TOKEN }, apiUrl, stateKey, appId };
  const privateKey = env.PRIVATE_KEY || (env.PRIVATE_KEY_PATH ? readKey(env.PRIVATE_KEY_PATH) : undefined);
  if (appId !== undefined && privateKey) {
    const installationId = whole(options.installationId, '--installation-id');
    if (installationId === undefined) {
      throw new StackguardInputError('with the App\'s credentials (APP_ID, PRIVATE_KEY), --installation-id is needed: the installation on the repository\'s owner', EVIDENCE_STEP);
    }
    return { auth: { kind: 'app', appId, privateKey, installationId }, apiUrl, stateKey, appId };
  }
  throw new StackguardInputError(
    'no GitHub credentials: set GITHUB_TOKEN (a token that can read the repository\'s pull requests, checks and contents), or APP_ID and PRIVATE_KEY with --installation-id',
    EVIDENCE_STEP,
  );
}

/** `timing` is for tests: they make every back-off and `retry-after` wait zero milliseconds. */
export function evidenceOctokit(connection: EvidenceConnection, warn: (text: string) => void, timing: RetryTiming = {}): Octokit {
  const auth =
    connection.auth.kind === 'token'
      ? { token: connection.auth.token }
      : { appId: connection.auth.appId, privateKey: connection.auth.privateKey, installationId: connection.auth.installationId };
  const quiet = () => {};
  const EvidenceOctokit = createStackguardOctokit(timing);
  return new EvidenceOctokit({ auth, baseUrl: connection.apiUrl, log: { debug: quiet, info: quiet, warn, error: warn } }) as Octokit;
}

function whole(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new StackguardInputError(`${name} must be a whole number; got "${raw}"`, EVIDENCE_STEP);
  return value;
}

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new StackguardInputError(`PRIVATE_KEY_PATH names ${file}, which cannot be read: ${(error as Error).message}`, EVIDENCE_STEP);
  }
}
