/**
 * Installs the dependencies of a source tree's CDK apps before they are synthesized. `DependencyInstaller` is
 * the seam: the App uses `LockfileInstaller`; a test can put in its own (the end-to-end test links the
 * repository's own node_modules instead of running npm ci against the registry).
 */

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StackguardInputError } from '../../errors.js';
import { LogTail } from '../../sources/log-tail.js';
import { runInProcessGroup, type GroupRunOptions, type GroupRunResult } from '../../sources/process-group.js';
import { removeTree } from '../../sources/remove-tree.js';
import { DependencyCache, cacheKey } from './cache.js';
import { installEnvironment } from './install-env.js';
import { findLockfile, installCommand, type Lockfile } from './lockfile.js';

export const INSTALL_STEP = 'install';

export interface InstallRequest {
  /** The extracted source tree. */
  root: string;
  /** App folders relative to `root`. */
  apps: readonly string[];
  /** Epoch ms by which installing must be done (the synth timeout covers install and synth together). */
  deadline: number;
}

export interface InstallReport {
  lockfile: string;
  manager: Lockfile['manager'];
  cache: 'hit' | 'miss';
}

export interface DependencyInstaller {
  /** Installs each lockfile's dependencies once, however many apps share it. */
  install(request: InstallRequest): Promise<InstallReport[]>;
}

export type CommandRunner = (options: GroupRunOptions) => Promise<GroupRunResult>;

export interface LockfileInstallerOptions {
  cacheDir: string;
  /** Runs the package manager; a test may record instead. */
  run?: CommandRunner;
  /** Where the allow-listed variables (PATH, …) are taken from. */
  parentEnv?: NodeJS.ProcessEnv;
}

export class LockfileInstaller implements DependencyInstaller {
  private readonly cache: DependencyCache;
  private readonly run: CommandRunner;

  constructor(private readonly options: LockfileInstallerOptions) {
    this.cache = new DependencyCache(path.join(options.cacheDir, 'deps'));
    this.run = options.run ?? runInProcessGroup;
  }

  async install(request: InstallRequest): Promise<InstallReport[]> {
    const lockfiles = new Map<string, Lockfile>();
    for (const app of request.apps) {
      const lockfile = await findLockfile(path.join(request.root, app), request.root);
      if (lockfile) lockfiles.set(lockfile.dir, lockfile);
    }
    const reports: InstallReport[] = [];
    for (const lockfile of lockfiles.values()) {
      const relative = path.relative(request.root, path.join(lockfile.dir, lockfile.file)).split(path.sep).join('/');
      const key = await cacheKey(lockfile);
      if (await this.cache.restore(key, lockfile.dir)) {
        reports.push({ lockfile: relative, manager: lockfile.manager, cache: 'hit' });
        continue;
      }
      await this.runInstall(lockfile, relative, request.deadline);
      // Stored before any of the pull request's code runs: the synth comes after this.
      await this.cache.store(key, lockfile.dir);
      reports.push({ lockfile: relative, manager: lockfile.manager, cache: 'miss' });
    }
    return reports;
  }

  private async runInstall(lockfile: Lockfile, relative: string, deadline: number): Promise<void> {
    const sandbox = await mkdtemp(path.join(os.tmpdir(), 'stackguard-install-'));
    const output = new LogTail();
    const command = installCommand(lockfile.manager);
    try {
      const env = await installEnvironment(sandbox, path.join(this.options.cacheDir, 'downloads'), this.options.parentEnv);
      const result = await this.run({ command, cwd: lockfile.dir, env, timeoutMs: deadline - Date.now(), output });
      if (result.timedOut) {
        throw new StackguardInputError(`Installing the dependencies of ${relative} (${command}) did not finish within the synth timeout.`, INSTALL_STEP, output.toString());
      }
      if (result.exitCode === 127) {
        throw new StackguardInputError(`${relative} needs ${lockfile.manager}, which is not installed where the App runs.`, INSTALL_STEP, output.toString());
      }
      if (result.exitCode !== 0) {
        const how = result.exitCode !== null ? `exited with code ${result.exitCode}` : `was killed by ${result.signal}`;
        throw new StackguardInputError(`Installing the dependencies of ${relative} failed: ${command} ${how}.`, INSTALL_STEP, output.toString());
      }
    } finally {
      await removeTree(sandbox);
    }
  }
}
