import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeApp } from '../../src/sources/synth.js';
import { SCRIPTS, inputError, removeTempDirs, tempDir, writeFolder } from './helpers.js';
import { isRunning, processGroupOfCommandLine, survivors, waitFor } from './process-helpers.js';

const PARENT_SECRETS = {
  AWS_SECRET_ACCESS_KEY: 'parent-aws-secret',
  AWS_ACCESS_KEY_ID: 'AKIAPARENTKEY',
  GITHUB_TOKEN: 'ghs_parent_token',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY----- parent',
  WEBHOOK_SECRET: 'parent-webhook-secret',
  NODE_OPTIONS: '--max-old-space-size=3072',
};
const ALLOWED = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'HOME', 'TMPDIR', 'CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'CI', 'NO_COLOR'];
/** Set by stackguard itself so creation stacks reach user code, never taken from the parent. */
const SET_BY_STACKGUARD = ['NODE_OPTIONS', 'JSII_HOST_STACK_TRACES'];
/** Variables /bin/sh sets for the commands it runs. */
const SET_BY_SHELL = ['PWD', 'OLDPWD', 'SHLVL', '_'];

interface Probe {
  env: Record<string, string>;
  cwd: string;
  absoluteFile: { content?: string; error?: string } | null;
  homeCredentials: { content?: string; error?: string } | null;
}

function probeOf(logTail: string): Probe {
  const line = logTail.split('\n').find((l) => l.startsWith('PROBE '));
  expect(line, logTail).toBeDefined();
  return JSON.parse((line ?? '').slice('PROBE '.length)) as Probe;
}

describe('synthesizeApp: the environment the app sees', () => {
  const saved: Record<string, string | undefined> = {};
  let parentHome: string;
  let secretFile: string;
  let probe: Probe;

  beforeAll(async () => {
    // GIVEN the machine's credentials in the environment and under $HOME
    parentHome = await tempDir();
    await mkdir(path.join(parentHome, '.aws'));
    await writeFile(path.join(parentHome, '.aws', 'credentials'), '[default]\naws_secret_access_key=on-disk\n');
    secretFile = path.join(await tempDir(), 'secret.txt');
    await writeFile(secretFile, 'readable by absolute path');
    for (const [name, value] of Object.entries({ ...PARENT_SECRETS, HOME: parentHome })) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    const appDir = await writeFolder({
      'cdk.json': { app: `node ${SCRIPTS}/probe.mjs`, context: { 'probe:readFile': secretFile } },
    });
    // WHEN the app is synthesized
    const outDir = path.join(await tempDir(), 'cdk.out');
    const result = await synthesizeApp({ appDir, outDir, timeoutMs: 20_000 });
    probe = probeOf(result.logTail);
    probe.cwd = path.relative(appDir, probe.cwd);
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await removeTempDirs();
  });

  it('passes only allow-listed variables', () => {
    const unexpected = Object.keys(probe.env).filter(
      (name) => ![...ALLOWED, ...SET_BY_STACKGUARD, ...SET_BY_SHELL].includes(name),
    );
    expect(unexpected).toEqual([]);
    for (const [name, value] of Object.entries(PARENT_SECRETS)) {
      expect(JSON.stringify(probe.env), name).not.toContain(value);
    }
    expect(probe.env.NODE_OPTIONS).toBe('--stack-trace-limit=100');
    expect(probe.env.JSII_HOST_STACK_TRACES).toBe('1');
    expect(probe.env.CI).toBe('true');
    expect(probe.env.NO_COLOR).toBe('1');
    expect(probe.env.PATH).toBe(process.env.PATH);
  });

  it('gives the app a temporary HOME and TMPDIR of its own, removed afterwards', () => {
    const home = probe.env.HOME ?? '';
    expect(home).not.toBe(parentHome);
    expect(home.startsWith(os.tmpdir())).toBe(true);
    expect(path.dirname(probe.env.TMPDIR ?? '')).toBe(path.dirname(home));
    expect(probe.homeCredentials).toEqual({ error: 'ENOENT' });
    expect(existsSync(home)).toBe(false);
  });

  it('runs the app in its folder', () => {
    expect(probe.cwd).toBe('');
  });

  it('does not isolate the file system: files named by absolute path stay readable', () => {
    // The allow-list keeps secrets out of the environment only. Keeping the App's private key file out of
    // reach is the deployment's job (run the synth in a container or as a user without access to it).
    expect(probe.absoluteFile).toEqual({ content: 'readable by absolute path' });
  });
});

describe('synthesizeApp: failures', () => {
  afterEach(removeTempDirs);

  it('stops a hanging app and every process it started when the timeout passes', async () => {
    // GIVEN an app that starts a grandchild `sleep` and ignores SIGTERM
    const appDir = await writeFolder({ 'cdk.json': { app: `sh ${SCRIPTS}/hang.sh` } });
    const started = Date.now();
    // WHEN it is synthesized with a one-second timeout
    const error = await inputError(synthesizeApp({ appDir, timeoutMs: 1_000 }), 'synth');
    // THEN it fails soon after the timeout, and no process of its group survives
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.message).toContain('took longer than 1s');
    const grandchild = Number(/grandchild-pid (\d+)/.exec(error.details ?? '')?.[1]);
    const group = Number(/process-group (\d+)/.exec(error.details ?? '')?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(await survivors(group)).toEqual([]);
    expect(isRunning(grandchild)).toBe(false);
  });

  it('kills the group when the app ignores SIGTERM', async () => {
    // GIVEN an app whose every process ignores SIGTERM (the ignore is inherited by what it starts)
    const appDir = await writeFolder({ 'cdk.json': { app: `trap '' TERM; sh ${SCRIPTS}/hang.sh` } });
    const started = Date.now();
    const error = await inputError(synthesizeApp({ appDir, timeoutMs: 1_000 }), 'synth');
    // THEN SIGKILL follows after the grace period (a tenth of the timeout, at least 0.2 s)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_150);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await survivors(Number(/process-group (\d+)/.exec(error.details ?? '')?.[1]))).toEqual([]);
  });

  it('stops the app and removes its folders when stackguard itself is interrupted', async () => {
    // GIVEN stackguard synthesizing a hanging app (the app dir in its command line lets us find its group)
    const appDir = await writeFolder({});
    await writeFile(path.join(appDir, 'cdk.json'), JSON.stringify({ app: `sh ${SCRIPTS}/hang.sh ${appDir}` }));
    const stackguardTmp = await tempDir();
    const stackguard = spawn(process.execPath, ['--import', 'tsx', path.join(SCRIPTS, 'synth-runner.ts'), appDir], {
      stdio: 'ignore',
      env: { ...process.env, TMPDIR: stackguardTmp },
    });
    const group = await waitFor(() => processGroupOfCommandLine(['hang.sh', appDir]), 10_000);
    // WHEN stackguard gets Ctrl-C
    stackguard.kill('SIGINT');
    const [, signal] = (await once(stackguard, 'exit')) as [number | null, NodeJS.Signals | null];
    // THEN it still dies of the signal, and the app's group, which Ctrl-C does not reach, went with it
    expect(signal).toBe('SIGINT');
    expect(await survivors(group)).toEqual([]);
    // and its temporary HOME and unfinished assembly were removed on the way out
    expect((await readdir(stackguardTmp)).filter((name) => name.startsWith('stackguard-'))).toEqual([]);
  });

  it('stops every app when stackguard is interrupted while several synths run', async () => {
    // GIVEN two hanging apps synthesized at the same time in one stackguard process
    const appDirs = [await writeFolder({}), await writeFolder({})];
    for (const dir of appDirs) await writeFile(path.join(dir, 'cdk.json'), JSON.stringify({ app: `sh ${SCRIPTS}/hang.sh ${dir}` }));
    const stackguard = spawn(process.execPath, ['--import', 'tsx', path.join(SCRIPTS, 'synth-runner.ts'), ...appDirs], { stdio: 'ignore' });
    const groups = await Promise.all(appDirs.map((dir) => waitFor(() => processGroupOfCommandLine(['hang.sh', dir]), 10_000)));
    // WHEN stackguard gets Ctrl-C THEN it dies of it, and neither synth's listener mistakes the other for a host
    stackguard.kill('SIGINT');
    const [, signal] = (await once(stackguard, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe('SIGINT');
    for (const group of groups) expect(await survivors(group)).toEqual([]);
  });

  it('reports a failing app with its exit code and the tail of its output', async () => {
    const appDir = await writeFolder({ 'cdk.json': { app: `node ${SCRIPTS}/fail.mjs` } });
    const error = await inputError(synthesizeApp({ appDir, timeoutMs: 20_000 }), 'synth');
    expect(error.message).toMatch(/failed to synthesize: its app command \(.*fail\.mjs\) exited with code 3/);
    const tail = error.details ?? '';
    expect(tail).toContain('Error: ValidationError: bucket name must be lowercase');
    expect(tail).toContain('progress line 500');
    // The first lines and the last are kept; the middle is counted, not kept.
    expect(tail).toContain('progress line 1\n');
    expect(tail).not.toContain('progress line 100\n');
    expect(tail).toMatch(/\[\d+ line\(s\), \d+ bytes omitted\]/);
    // 20 first lines, the notice, and at most 200 last lines.
    expect(tail.split('\n').length).toBeLessThanOrEqual(221);
  });

  it('lists the lookups the app needs and says to commit cdk.context.json', async () => {
    const missing = [
      { key: 'vpc-provider:account=111111111111:filter.vpc-id=vpc-1:region=eu-west-1', provider: 'vpc-provider', props: {} },
      { key: 'availability-zones:account=111111111111:region=eu-west-1', provider: 'availability-zones', props: {} },
    ];
    const appDir = await writeFolder({
      'cdk.json': { app: `node ${SCRIPTS}/probe.mjs`, context: { 'probe:missing': missing } },
    });
    const error = await inputError(synthesizeApp({ appDir, timeoutMs: 20_000 }), 'synth');
    expect(error.message).toContain('vpc-provider:account=111111111111:filter.vpc-id=vpc-1:region=eu-west-1');
    expect(error.message).toContain('availability-zones:account=111111111111:region=eu-west-1');
    expect(error.message).toContain('commit the cdk.context.json');
  });

  it('fails when the app exits cleanly without writing an assembly', async () => {
    const appDir = await writeFolder({ 'cdk.json': { app: `node ${SCRIPTS}/quiet.mjs` } });
    const error = await inputError(synthesizeApp({ appDir, timeoutMs: 20_000 }), 'synth');
    expect(error.message).toContain('exited without writing a cloud assembly');
    expect(error.details).toContain('nothing to synthesize');
  });

  it('needs a cdk.json with an app command', async () => {
    const noCdkJson = await writeFolder({ 'README.md': 'not an app' });
    expect((await inputError(synthesizeApp({ appDir: noCdkJson }), 'synth')).message).toContain('has no cdk.json');

    const noApp = await writeFolder({ 'cdk.json': { context: {} } });
    expect((await inputError(synthesizeApp({ appDir: noApp }), 'synth')).message).toContain('has no "app" command');

    const malformed = await writeFolder({ 'cdk.json': '{ "app": "node app.js", }' });
    const error = await inputError(synthesizeApp({ appDir: malformed }), 'synth');
    expect(error.message).toMatch(/cdk\.json is not valid JSON at line 1, column \d+/);
  });

  it('replaces a previous assembly in outDir but refuses a folder that holds something else', async () => {
    const appDir = await writeFolder({ 'cdk.json': { app: `node ${SCRIPTS}/probe.mjs` } });
    const outDir = await writeFolder({ 'manifest.json': { version: '1.0.0' }, 'Stale.template.json': '{}' });
    const result = await synthesizeApp({ appDir, outDir, timeoutMs: 20_000 });
    expect(result.assemblyDir).toBe(outDir);
    expect(existsSync(path.join(outDir, 'Stale.template.json'))).toBe(false);
    expect(existsSync(path.join(outDir, 'manifest.json'))).toBe(true);

    const precious = await writeFolder({ 'notes.txt': 'keep me' });
    const error = await inputError(synthesizeApp({ appDir, outDir: precious }), 'synth');
    expect(error.message).toContain('refusing to write into it');
    expect(existsSync(path.join(precious, 'notes.txt'))).toBe(true);
  });
});
