/**
 * The App's secrets never reach a pull request's code. The App is started the way `npm start` and the Docker
 * image start it (node running src/app-server.ts, configured by environment variables, as root with
 * STACKGUARD_USER), against a fake GitHub. The pull request's "CDK app" is hostile (test/fixtures/github/
 * probe-app/probe.mjs): it prints its environment, the environment of every ancestor process, the App's key
 * file read by absolute path and any *.pem it can find, then fails so that the App posts that output in the
 * check run. The test then looks for every secret in everything the App sent to GitHub.
 *
 * Runs only as root (CI here does): dropping to STACKGUARD_USER needs it.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubTarball } from '../github/helpers/files.js';
import { pullRequestPayload } from '../github/helpers/payloads.js';
import { testPrivateKey } from '../github/helpers/app.js';
import { FakeGitHub } from './fake-github.js';
import { eventually, freePort, sendWebhook } from './webhooks.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const APP_ID = 5151;
const SECRETS = {
  WEBHOOK_SECRET: 'whsec-e2e-3f9a1c',
  AWS_ACCESS_KEY_ID: 'AKIAE2EPARENTKEY',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-e2e-8d2b',
  GITHUB_TOKEN: 'ghp_operator_token_e2e',
};
const HEAD = '3333333333333333333333333333333333333333';
const BASE = '4444444444444444444444444444444444444444';
const isRoot = process.getuid?.() === 0;

interface Probe {
  uid: number;
  env: Record<string, string>;
  ancestors: Array<{ pid: number; cmdline: string; environ: string }>;
  keyFile: { ok?: string; error?: string };
  pemFiles: Array<{ file: string; read: { ok?: string; error?: string } }>;
}

describe.skipIf(!isRoot)('the App\'s secrets and a hostile pull request', () => {
  let github: FakeGitHub;
  let app: ChildProcess;
  let output = '';
  let keyDir: string;
  let workRoot: string;
  let privateKey: string;

  beforeAll(async () => {
    // The key as an operator would keep it: outside the work folders, readable by root only.
    privateKey = testPrivateKey();
    keyDir = mkdtempSync('/var/tmp/stackguard-key-');
    const keyFile = path.join(keyDir, 'stackguard.private-key.pem');
    writeFileSync(keyFile, privateKey);
    chmodSync(keyFile, 0o400);
    const probeApp = {
      'infra/cdk.json': { app: 'node probe.mjs' },
      'infra/probe.mjs': readFileSync(path.join(ROOT, 'test/fixtures/github/probe-app/probe.mjs')),
      'infra/probe-target.json': { keyFile },
    };
    github = new FakeGitHub(
      { owner: 'Codertocat', repo: 'Hello-World', defaultBranch: 'master', tarballs: { [HEAD]: await githubTarball(probeApp), [BASE]: await githubTarball(probeApp) }, pulls: { 2: { head: HEAD, base: BASE, baseRef: 'master' } } },
      APP_ID,
    );
    const host = await github.start();
    const port = await freePort();
    workRoot = path.join(os.tmpdir(), `stackguard-secrets-e2e-${process.pid}`);
    app = spawn(process.execPath, ['--import', 'tsx', 'src/app-server.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: '/root',
        ...SECRETS,
        APP_ID: String(APP_ID),
        PRIVATE_KEY_PATH: keyFile,
        GHE_HOST: host,
        GHE_PROTOCOL: 'http',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        STACKGUARD_USER: 'nobody',
        STACKGUARD_WORK_DIR: path.join(workRoot, 'work'),
        STACKGUARD_CACHE_DIR: path.join(workRoot, 'cache'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => (output.includes('Listening on') ? true : undefined), 30_000, `the App to start:\n${output}`);

    const delivered = await sendWebhook(`http://127.0.0.1:${port}`, SECRETS.WEBHOOK_SECRET, 'pull_request', pullRequestPayload('opened', { headSha: HEAD, baseSha: BASE }), 'secrets-e2e');
    expect(delivered.status).toBe(200);
    await eventually(() => github.checkRuns.find((run) => run.status === 'completed'), 40_000, `the check run:\n${output}`);
  }, 90_000);

  afterAll(async () => {
    app?.kill('SIGKILL');
    await github?.stop();
    rmSync(keyDir, { recursive: true, force: true });
    rmSync(workRoot, { recursive: true, force: true });
  });

  function probe(): Probe {
    const text = String(github.checkRuns[0]?.output?.text ?? '');
    const line = text.split('\n').find((l) => l.startsWith('PROBE '));
    if (!line) throw new Error(`no probe output in the check run:\n${text}\n\nApp log:\n${output}`);
    return JSON.parse(line.slice('PROBE '.length)) as Probe;
  }

  it('posts the hostile app\'s output (so the test can see what it found), and fails the check', () => {
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(probe().ancestors.length).toBeGreaterThan(1);
  });

  it('runs the pull request\'s code as STACKGUARD_USER, not as root', () => {
    expect(probe().uid).not.toBe(0);
    expect(output).toContain('running as nobody');
  });

  it('gives the synth only the allow-listed environment', () => {
    const names = Object.keys(probe().env).sort();
    expect(names.filter((name) => !['PATH', 'LANG', 'LC_ALL', 'TZ', 'HOME', 'TMPDIR', 'CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'CI', 'NO_COLOR', 'NODE_OPTIONS', 'JSII_HOST_STACK_TRACES', 'PWD', 'OLDPWD', 'SHLVL', '_'].includes(name))).toEqual([]);
  });

  it('keeps the App\'s environment out of reach: no ancestor\'s environment holds a secret', () => {
    for (const ancestor of probe().ancestors) {
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(ancestor.environ, `${name} in the environment of ${ancestor.cmdline}`).not.toContain(value);
      }
      expect(ancestor.environ).not.toContain('PRIVATE_KEY');
    }
  });

  it('cannot read the key file, by absolute path or by searching from its folder', () => {
    const found = probe();
    expect(found.keyFile).toEqual({ error: 'EACCES' });
    expect(found.pemFiles.filter((pem) => pem.read.ok !== undefined)).toEqual([]);
  });

  it('never sends a secret, the private key or the installation token to GitHub', () => {
    const sent = JSON.stringify(github.requests.map((request) => request.body ?? null));
    for (const [name, value] of Object.entries(SECRETS)) expect(sent, name).not.toContain(value);
    expect(sent).not.toContain(privateKey.split('\n')[1] ?? 'never');
    expect(sent).not.toContain(github.token);
  });
});

describe.skipIf(!isRoot)('starting as root', () => {
  it('refuses to run pull requests\' code as root when STACKGUARD_USER is not set', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app-server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, APP_ID: '1', PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: 'x', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(text).toContain('will not do so as root: set STACKGUARD_USER');
  }, 30_000);
});
