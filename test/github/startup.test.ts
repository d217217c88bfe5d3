import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { forkDecision } from '../../src/github/fork-policy.js';
import { resolveUser } from '../../src/github/privileges.js';
import { captureSecrets } from '../../src/github/secrets.js';
import { readSettings } from '../../src/github/settings.js';
import { assertKeyOutsideWorkFolders } from '../../src/github/startup-checks.js';
import { removeTempDirs, tempDir } from './helpers/files.js';

afterEach(removeTempDirs);

describe('readSettings', () => {
  it('reads the concurrency limits and folders from the environment, with defaults', () => {
    expect(readSettings({})).toMatchObject({ concurrency: 2, perRepositoryConcurrency: 1, maxDownloadBytes: 200 * 1024 * 1024 });
    expect(readSettings({ STACKGUARD_CONCURRENCY: '8', STACKGUARD_CONCURRENCY_PER_REPO: '2', STACKGUARD_WORK_DIR: '/var/lib/sg/work' })).toMatchObject({
      concurrency: 8,
      perRepositoryConcurrency: 2,
      workDir: '/var/lib/sg/work',
    });
  });

  it('limits every synth by default, and reads the limits in MiB', () => {
    const MiB = 1024 * 1024;
    expect(readSettings({}).synthLimits).toEqual({ memoryBytes: 4096 * MiB, diskBytes: 2048 * MiB, outputBytes: 64 * MiB });
    expect(readSettings({ STACKGUARD_SYNTH_MEMORY_MB: '1024', STACKGUARD_SYNTH_DISK_MB: '300', STACKGUARD_SYNTH_OUTPUT_MB: '8' }).synthLimits).toEqual({
      memoryBytes: 1024 * MiB,
      diskBytes: 300 * MiB,
      outputBytes: 8 * MiB,
    });
    expect(() => readSettings({ STACKGUARD_SYNTH_MEMORY_MB: '0' })).toThrow('STACKGUARD_SYNTH_MEMORY_MB');
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => readSettings({ STACKGUARD_CONCURRENCY: '0' })).toThrow('STACKGUARD_CONCURRENCY must be a whole number of at least 1; got "0".');
    expect(() => readSettings({ STACKGUARD_MAX_DOWNLOAD_MB: 'lots' })).toThrow('STACKGUARD_MAX_DOWNLOAD_MB');
  });
});

describe('the private key and the work folders', () => {
  it('refuses a key file inside the work folder, the cache or the temp folder, where a synth works', async () => {
    const work = await tempDir();
    const settings = readSettings({ STACKGUARD_WORK_DIR: path.join(work, 'work'), STACKGUARD_CACHE_DIR: path.join(work, 'cache') });
    expect(() => assertKeyOutsideWorkFolders(path.join(work, 'work', 'app.pem'), settings)).toThrow('is inside');
    expect(() => assertKeyOutsideWorkFolders(path.join(os.tmpdir(), 'app.pem'), settings)).toThrow('where the pull requests\' code runs');
    expect(() => assertKeyOutsideWorkFolders('/run/secrets/stackguard.pem', settings)).not.toThrow();
    expect(() => assertKeyOutsideWorkFolders(undefined, settings)).not.toThrow();
  });

  it('takes the secrets out of the environment and reads the key file once', async () => {
    const dir = await tempDir();
    const keyFile = path.join(dir, 'key.pem');
    writeFileSync(keyFile, '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n');
    const env: NodeJS.ProcessEnv = { APP_ID: '12', PRIVATE_KEY_PATH: keyFile, WEBHOOK_SECRET: 'hook-secret', PATH: '/usr/bin' };
    const captured = captureSecrets(env);
    expect(env).toEqual({ APP_ID: '12', PATH: '/usr/bin' });
    expect(captured.probotEnv).toMatchObject({ APP_ID: '12', PRIVATE_KEY: expect.stringContaining('BEGIN RSA'), WEBHOOK_SECRET: 'hook-secret' });
    expect(captured.probotEnv.PRIVATE_KEY_PATH).toBeUndefined();
    expect(captured).toMatchObject({ stateKey: 'hook-secret', keyFile });
  });

  it('will not start without a webhook secret, which also signs the comment state', () => {
    expect(() => captureSecrets({ APP_ID: '1', PRIVATE_KEY: 'x' })).toThrow('Set WEBHOOK_SECRET');
  });
});

describe('resolveUser', () => {
  it('reads a user name from the passwd file, or takes numbers as they are', async () => {
    const passwd = path.join(await tempDir(), 'passwd');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/sh\nstackguard:x:10001:10002::/var/lib/stackguard:/usr/sbin/nologin\n');
    expect(resolveUser('stackguard', passwd)).toEqual({ name: 'stackguard', uid: 10001, gid: 10002 });
    expect(resolveUser('10001:10003', passwd)).toEqual({ name: '10001:10003', uid: 10001, gid: 10003 });
    expect(() => resolveUser('nobody-here', passwd)).toThrow('not a user of this machine');
  });
});

describe('forkDecision', () => {
  const config = defaultConfig();
  it('synthesizes pull requests from the repository itself', () => {
    expect(forkDecision(config, { fromFork: false, labels: [] }, 'x')).toEqual({ synthesize: true });
  });
  it('does not synthesize a fork unless allowed, and then only with the label', () => {
    expect(forkDecision(config, { fromFork: true, labels: ['stackguard:synth'] }, 'x')).toMatchObject({ synthesize: false });
    const allowing = { ...config, synth: { ...config.synth, allowForks: true } };
    expect(forkDecision(allowing, { fromFork: true, labels: [] }, 'x')).toMatchObject({ synthesize: false });
    expect(forkDecision(allowing, { fromFork: true, labels: ['stackguard:synth'] }, 'x')).toEqual({ synthesize: true });
  });
});
