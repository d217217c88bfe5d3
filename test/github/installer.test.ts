import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';
import { LockfileInstaller, type CommandRunner } from '../../src/github/install/installer.js';
import { findLockfile } from '../../src/github/install/lockfile.js';
import type { GroupRunOptions } from '../../src/sources/process-group.js';
import { removeTempDirs, tempDir, writeTree } from './helpers/files.js';

afterEach(removeTempDirs);

const PARENT_ENV = {
  PATH: process.env.PATH,
  LANG: 'C.UTF-8',
  AWS_SECRET_ACCESS_KEY: 'parent-aws-secret',
  AWS_ACCESS_KEY_ID: 'AKIAPARENT',
  GITHUB_TOKEN: 'ghs_parent',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY----- parent',
  WEBHOOK_SECRET: 'parent-webhook-secret',
  NODE_OPTIONS: '--require /tmp/evil.js',
  COREPACK_HOME: '/opt/corepack',
};

/** Records the command and writes what an install would: node_modules with one package. */
function recordingRunner(calls: GroupRunOptions[], exitCode = 0): CommandRunner {
  return async (options) => {
    calls.push(options);
    await writeTree(options.cwd, { 'node_modules/left-pad/package.json': { name: 'left-pad', version: '1.3.0' } });
    options.output.sink().write('installed\n');
    return { exitCode, signal: null, timedOut: false };
  };
}

const npmApp = {
  'package.json': { name: 'infra', version: '1.0.0' },
  'package-lock.json': { name: 'infra', lockfileVersion: 3, packages: {} },
  'cdk.json': { app: 'node bin/app.js' },
};

describe('LockfileInstaller', () => {
  it('runs npm ci without install scripts, in the lockfile folder, with the sandbox allow-list only', async () => {
    // GIVEN an app with a package-lock.json and the App's secrets in the environment
    const root = await tempDir();
    await writeTree(root, Object.fromEntries(Object.entries(npmApp).map(([name, content]) => [`infra/${name}`, content])));
    const calls: GroupRunOptions[] = [];
    const installer = new LockfileInstaller({ cacheDir: await tempDir(), run: recordingRunner(calls), parentEnv: PARENT_ENV });
    // WHEN its dependencies are installed
    const reports = await installer.install({ root, apps: ['infra'], deadline: Date.now() + 60_000 });
    // THEN npm ci ran once, with scripts off, and none of the secrets reached it
    expect(reports).toEqual([{ lockfile: 'infra/package-lock.json', manager: 'npm', cache: 'miss' }]);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.command).toBe('npm ci --ignore-scripts --no-audit --no-fund --git=git');
    expect(call?.cwd).toBe(path.join(root, 'infra'));
    const env = call?.env ?? {};
    expect(Object.keys(env).sort()).toEqual(
      ['CI', 'COREPACK_ENABLE_DOWNLOAD_PROMPT', 'COREPACK_HOME', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TMPDIR', 'npm_config_cache', 'npm_config_update_notifier'].sort(),
    );
    for (const secret of ['parent-aws-secret', 'AKIAPARENT', 'ghs_parent', 'BEGIN RSA', 'parent-webhook-secret', 'evil.js']) {
      expect(JSON.stringify(env)).not.toContain(secret);
    }
    expect(env.HOME).not.toBe(process.env.HOME);
  });

  it('installs a shared lockfile once for several apps of a monorepo', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'package.json': { name: 'mono', workspaces: ['apps/*'] },
      'package-lock.json': { lockfileVersion: 3, packages: {} },
      'apps/a/cdk.json': {},
      'apps/a/package.json': { name: 'a' },
      'apps/b/cdk.json': {},
      'apps/b/package.json': { name: 'b' },
    });
    const calls: GroupRunOptions[] = [];
    const installer = new LockfileInstaller({ cacheDir: await tempDir(), run: recordingRunner(calls), parentEnv: PARENT_ENV });
    const reports = await installer.install({ root, apps: ['apps/a', 'apps/b'], deadline: Date.now() + 60_000 });
    expect(calls.map((c) => c.cwd)).toEqual([root]);
    expect(reports).toEqual([{ lockfile: 'package-lock.json', manager: 'npm', cache: 'miss' }]);
  });

  it('reuses the install of the same lockfile from the cache, as a copy the next synth cannot write through', async () => {
    // GIVEN one review installed the dependencies
    const cacheDir = await tempDir();
    const calls: GroupRunOptions[] = [];
    const installer = new LockfileInstaller({ cacheDir, run: recordingRunner(calls), parentEnv: PARENT_ENV });
    const first = await tempDir();
    await writeTree(first, npmApp);
    await installer.install({ root: first, apps: ['.'], deadline: Date.now() + 60_000 });
    // WHEN another tree with the same lockfile is installed, and its synth then tampers with node_modules
    const second = await tempDir();
    await writeTree(second, npmApp);
    const reports = await installer.install({ root: second, apps: ['.'], deadline: Date.now() + 60_000 });
    await writeFile(path.join(second, 'node_modules/left-pad/package.json'), 'tampered');
    // THEN npm did not run again, the tree got the packages, and the cached copy is untouched
    expect(reports[0]?.cache).toBe('hit');
    expect(calls).toHaveLength(1);
    const third = await tempDir();
    await writeTree(third, npmApp);
    await installer.install({ root: third, apps: ['.'], deadline: Date.now() + 60_000 });
    expect(JSON.parse(readFileSync(path.join(third, 'node_modules/left-pad/package.json'), 'utf8'))).toEqual({ name: 'left-pad', version: '1.3.0' });
  });

  it('installs again when the lockfile or the project .npmrc changes', async () => {
    const cacheDir = await tempDir();
    const calls: GroupRunOptions[] = [];
    const installer = new LockfileInstaller({ cacheDir, run: recordingRunner(calls), parentEnv: PARENT_ENV });
    const variants: Array<Record<string, string | object>> = [{}, { '.npmrc': 'registry=https://npm.example.com/' }, { 'package-lock.json': { lockfileVersion: 3, packages: { '': {} } } }];
    for (const extra of variants) {
      const root = await tempDir();
      await writeTree(root, { ...npmApp, ...extra });
      await installer.install({ root, apps: ['.'], deadline: Date.now() + 60_000 });
    }
    expect(calls).toHaveLength(3);
  });

  it('fails the install step with the log tail when the package manager fails, and caches nothing', async () => {
    const root = await tempDir();
    await writeTree(root, npmApp);
    const cacheDir = await tempDir();
    const calls: GroupRunOptions[] = [];
    const installer = new LockfileInstaller({ cacheDir, run: recordingRunner(calls, 1), parentEnv: PARENT_ENV });
    const error = await installer.install({ root, apps: ['.'], deadline: Date.now() + 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackguardInputError);
    expect((error as StackguardInputError).step).toBe('install');
    expect((error as StackguardInputError).message).toContain('npm ci --ignore-scripts --no-audit --no-fund --git=git exited with code 1');
    expect((error as StackguardInputError).details).toContain('installed');
    expect(existsSync(path.join(cacheDir, 'deps'))).toBe(false);
  });

  it('does nothing for an app without a lockfile', async () => {
    const root = await tempDir();
    await writeTree(root, { 'cdk.json': { app: 'python3 app.py' } });
    const calls: GroupRunOptions[] = [];
    const installer = new LockfileInstaller({ cacheDir: await tempDir(), run: recordingRunner(calls) });
    expect(await installer.install({ root, apps: ['.'], deadline: Date.now() + 1000 })).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('runs the real npm ci: the lockfile is installed and no package script runs', async () => {
    // GIVEN a project whose lockfile links a local package, and both have scripts that would leave a mark
    const root = await tempDir();
    await writeTree(root, {
      'package.json': { name: 'infra', version: '1.0.0', dependencies: { 'local-lib': 'file:./local-lib' }, scripts: { preinstall: 'touch pwned-root' } },
      'package-lock.json': {
        name: 'infra',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'infra', version: '1.0.0', dependencies: { 'local-lib': 'file:./local-lib' } },
          'local-lib': { version: '1.0.0' },
          'node_modules/local-lib': { resolved: 'local-lib', link: true },
        },
      },
      'local-lib/package.json': { name: 'local-lib', version: '1.0.0', scripts: { install: 'touch ../pwned-dependency' } },
      'cdk.json': { app: 'node app.js' },
    });
    // WHEN the App's installer runs npm for real
    const installer = new LockfileInstaller({ cacheDir: await tempDir() });
    const reports = await installer.install({ root, apps: ['.'], deadline: Date.now() + 60_000 });
    // THEN the package is linked as the lockfile says and neither script ran
    expect(reports).toEqual([{ lockfile: 'package-lock.json', manager: 'npm', cache: 'miss' }]);
    expect(lstatSync(path.join(root, 'node_modules/local-lib')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(root, 'node_modules/local-lib'))).toBe('../local-lib');
    expect(existsSync(path.join(root, 'pwned-root'))).toBe(false);
    expect(existsSync(path.join(root, 'pwned-dependency'))).toBe(false);
  });
});

describe('findLockfile', () => {
  it('finds the nearest lockfile up to the repository root and tells yarn 1 from yarn berry', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'yarn.lock': '',
      'package.json': { packageManager: 'yarn@4.1.0' },
      'apps/a/cdk.json': {},
      'apps/b/pnpm-lock.yaml': '',
      'apps/b/cdk.json': {},
    });
    expect(await findLockfile(path.join(root, 'apps/a'), root)).toEqual({ dir: root, file: 'yarn.lock', manager: 'yarn-berry' });
    expect(await findLockfile(path.join(root, 'apps/b'), root)).toEqual({ dir: path.join(root, 'apps/b'), file: 'pnpm-lock.yaml', manager: 'pnpm' });
  });

  it('does not look above the repository root', async () => {
    const outer = await tempDir();
    await writeTree(outer, { 'package-lock.json': {}, 'repo/cdk.json': {} });
    expect(await findLockfile(path.join(outer, 'repo'), path.join(outer, 'repo'))).toBeUndefined();
  });
});
