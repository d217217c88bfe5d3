/**
 * The App's secrets, taken out of the environment at start. Probot gets them through the `env` option of `run`
 * instead of `process.env`, a key file named by PRIVATE_KEY_PATH is read once (while the App may still be root)
 * and its contents handed over the same way, and the variables are deleted from `process.env`, so no child
 * process can inherit them even through a spawn that forgot the sandbox's allow-list.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_VARIABLES = ['PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET', 'STACKGUARD_STATE_KEY'] as const;

export interface CapturedSecrets {
  /** The environment Probot reads its options from. */
  probotEnv: NodeJS.ProcessEnv;
  /** Signs the state kept in PR comments: STACKGUARD_STATE_KEY, else the webhook secret. */
  stateKey: string;
  /** The absolute key file path, when one was given (checked against the work folders). */
  keyFile: string | undefined;
}

export function captureSecrets(env: NodeJS.ProcessEnv = process.env): CapturedSecrets {
  const keyFile = env.PRIVATE_KEY_PATH ? path.resolve(env.PRIVATE_KEY_PATH) : undefined;
  const privateKey = env.PRIVATE_KEY ?? (keyFile ? readKeyFile(keyFile) : undefined);
  const stateKey = env.STACKGUARD_STATE_KEY || env.WEBHOOK_SECRET;
  if (!stateKey) {
    throw new Error('Set WEBHOOK_SECRET (and the same secret in the GitHub App settings): stackguard verifies webhooks and signs its PR comment state with it.');
  }
  const probotEnv: NodeJS.ProcessEnv = { ...env, PRIVATE_KEY: privateKey };
  delete probotEnv.PRIVATE_KEY_PATH;
  for (const name of SECRET_VARIABLES) delete env[name];
  return { probotEnv, stateKey, keyFile };
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`PRIVATE_KEY_PATH names ${file}, which cannot be read: ${(error as Error).message}`);
  }
}
