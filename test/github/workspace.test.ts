import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';
import { findApps } from '../../src/github/workspace/find-apps.js';
import { stopProcessesUnder } from '../../src/github/workspace/stop-processes.js';
import { removeTempDirs, tempDir, writeTree } from './helpers/files.js';

afterEach(removeTempDirs);

describe('findApps', () => {
  it('finds every cdk.json, skipping dependencies, synth output and hidden folders', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'cdk.json': {},
      'services/api/infra/cdk.json': {},
      'node_modules/some-lib/cdk.json': {},
      'services/api/infra/cdk.out/cdk.json': {},
      '.github/cdk.json': {},
      'examples/shop.cdk.out/cdk.json': {},
    });
    expect(await findApps(root, undefined)).toEqual(['.', 'services/api/infra']);
  });

  it('takes the folders from the config and fails on one without a cdk.json', async () => {
    const root = await tempDir();
    await writeTree(root, { 'a/cdk.json': {}, 'b/README.md': '' });
    expect(await findApps(root, ['a'])).toEqual(['a']);
    const error = await findApps(root, ['a', 'b']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackguardInputError);
    expect((error as Error).message).toContain('"b"');
  });

  it('refuses a configured folder that is a link out of the repository', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    await writeTree(outside, { 'cdk.json': {} });
    await writeTree(root, { infra: { symlink: outside } });
    await expect(findApps(root, ['infra'])).rejects.toThrow('leads outside the repository');
  });
});

describe('stopProcessesUnder', () => {
  it('kills the process groups working in a folder, and nothing else', async () => {
    const dir = await tempDir();
    const inside = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30'], { cwd: dir, detached: true, stdio: 'ignore' });
    const outside = spawn('sleep', ['30'], { cwd: path.dirname(dir), detached: true, stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise((resolve) => inside.on('exit', (_code, signal) => resolve(signal)));
    expect(stopProcessesUnder(dir)).toEqual([inside.pid]);
    expect(await exited).toBe('SIGKILL');
    expect(outside.exitCode).toBeNull();
    outside.kill('SIGKILL');
  });
});
