/**
 * Which package manager installs an app's dependencies, found by the lockfile nearest to the app folder (the app
 * itself, or a parent up to the repository root, as in a monorepo with workspaces), and the command that installs
 * exactly what the lockfile says. Install scripts are turned off: see docs/security.md.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry';

export interface Lockfile {
  /** The folder the package manager runs in. */
  dir: string;
  /** The lockfile's name in that folder. */
  file: string;
  manager: PackageManager;
}

const LOCKFILES: Array<{ file: string; manager: PackageManager }> = [
  { file: 'package-lock.json', manager: 'npm' },
  { file: 'npm-shrinkwrap.json', manager: 'npm' },
  { file: 'pnpm-lock.yaml', manager: 'pnpm' },
  { file: 'yarn.lock', manager: 'yarn' },
];

/** The nearest lockfile from `appDir` up to `repoRoot`, or undefined when the app has none (e.g. a Python app). */
export async function findLockfile(appDir: string, repoRoot: string): Promise<Lockfile | undefined> {
  const root = path.resolve(repoRoot);
  for (let dir = path.resolve(appDir); ; dir = path.dirname(dir)) {
    for (const { file, manager } of LOCKFILES) {
      if (existsSync(path.join(dir, file))) {
        return { dir, file, manager: manager === 'yarn' && (await isYarnBerry(dir)) ? 'yarn-berry' : manager };
      }
    }
    if (dir === root || !dir.startsWith(root + path.sep)) return undefined;
  }
}

/**
 * Flags that install exactly the lockfile (failing when it is out of date) and run no package's scripts, nor
 * code the repository's package-manager config names (npm's `git` setting, a .pnpmfile.cjs). One exception is
 * left: yarn runs the yarn release a repository pins (yarnPath, yarn-path), which is repository code
 * (docs/security.md).
 */
export function installCommand(manager: PackageManager): string {
  switch (manager) {
    case 'npm':
      return 'npm ci --ignore-scripts --no-audit --no-fund --git=git';
    case 'pnpm':
      return 'pnpm install --frozen-lockfile --ignore-scripts --ignore-pnpmfile';
    case 'yarn':
      return 'yarn install --frozen-lockfile --ignore-scripts --non-interactive';
    case 'yarn-berry':
      // Berry has no --ignore-scripts; skip-build does not run packages' postinstall scripts.
      return 'yarn install --immutable --mode=skip-build';
  }
}

/** Files besides the lockfile that change what gets installed; part of the cache key. */
export const INSTALL_INPUTS = ['package.json', '.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', '.pnpmfile.cjs'];

/** What an install produces, relative to the lockfile folder, besides every `node_modules` folder. */
export const INSTALL_OUTPUTS = ['.pnp.cjs', '.pnp.loader.mjs', '.yarn/unplugged', '.yarn/install-state.gz'];

async function isYarnBerry(dir: string): Promise<boolean> {
  if (existsSync(path.join(dir, '.yarnrc.yml'))) return true;
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { packageManager?: unknown };
    const match = typeof manifest.packageManager === 'string' ? /^yarn@(\d+)/.exec(manifest.packageManager) : null;
    return match !== null && Number(match[1]) >= 2;
  } catch {
    return false;
  }
}
