/**
 * The complete environment of a dependency install. Installing runs the package manager on the pull request's
 * package.json, lockfile and .npmrc, so it gets the synth's allow-list (no credential of the App, no AWS
 * variable, no NODE_OPTIONS) and a temporary HOME, plus the few package-manager settings below.
 */

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { INHERITED_VARIABLES } from '../../sources/sandbox-env.js';

/** Inherited too: where corepack keeps the yarn and pnpm versions prepared in the image (a path, not a secret). */
const INHERITED_FOR_INSTALL = ['COREPACK_HOME'] as const;

export async function installEnvironment(
  sandbox: string,
  downloadCache: string,
  parentEnv: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, string>> {
  const home = path.join(sandbox, 'home');
  const tmp = path.join(sandbox, 'tmp');
  await Promise.all([mkdir(home, { recursive: true }), mkdir(tmp, { recursive: true }), mkdir(downloadCache, { recursive: true, mode: 0o700 })]);
  const env: Record<string, string> = {};
  for (const name of [...INHERITED_VARIABLES, ...INHERITED_FOR_INSTALL]) {
    const value = parentEnv[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    HOME: home,
    TMPDIR: tmp,
    CI: 'true',
    NO_COLOR: '1',
    // npm checks every package against the lockfile's integrity hash, also when it comes from this cache.
    npm_config_cache: downloadCache,
    npm_config_update_notifier: 'false',
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  };
}
