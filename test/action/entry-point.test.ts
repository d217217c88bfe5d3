/**
 * The action's entry point run the way action.yml runs it on a runner: `node dist/action/main.js` in the
 * checkout, with the runner's GITHUB_* and RUNNER_* variables, an event file and the inputs as INPUT_* variables.
 */

import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNTH_MANIFEST_FILE } from '../../src/sources/synth-output.js';
import { checkout } from '../cli/synth-helpers.js';
import { removeTempDirs, tempDir } from '../github/helpers/files.js';
import { shopRepo } from '../github/helpers/repos.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'dist', 'action', 'main.js');
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
const MERGE_SHA = '0123456789abcdef0123456789abcdef01234567';

afterAll(removeTempDirs);

async function runner(inputs: Record<string, string>) {
  const repo = await checkout(shopRepo('head'));
  const temp = await tempDir('stackguard-runner-temp-');
  const eventPath = path.join(temp, 'event.json');
  await writeFile(eventPath, JSON.stringify(examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')));
  const outputFile = path.join(temp, 'output');
  await writeFile(outputFile, '');
  const env = {
    PATH: process.env.PATH,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repo.root,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_ACTION_PATH: ROOT,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase().replace(/-/g, '_')}`, value])),
  };
  const run = spawnSync(process.execPath, [ENTRY], { cwd: repo.root, env, encoding: 'utf8' });
  return { run, repo, temp, outputs: await readFile(outputFile, 'utf8') };
}

describe('the action entry point, mode synth', () => {
  it('writes the synth output of the checked-out commit to RUNNER_TEMP and names it in GITHUB_OUTPUT', async () => {
    const { run, repo, temp, outputs } = await runner({ mode: 'synth', 'app-dir': '', config: '' });
    expect(run.stderr).toContain('synthesized infra');
    expect(run.status).toBe(0);
    const out = path.join(temp, 'stackguard-synth');
    expect(outputs).toBe(`out=${out}\n`);
    const manifest = JSON.parse(await readFile(path.join(out, SYNTH_MANIFEST_FILE), 'utf8'));
    // The commit that was synthesized, not GITHUB_SHA (on pull_request runs, the merge commit).
    expect(manifest).toMatchObject({ commit: repo.sha, apps: [{ folder: 'infra' }] });
  });

  it('fails the step with an error annotation for an app folder that does not exist', async () => {
    const { run, outputs } = await runner({ mode: 'synth', 'app-dir': 'nope' });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error title=stackguard::find apps: .*nope\/cdk.json does not exist/m);
    expect(outputs).toBe('');
  });

  it('refuses an unknown mode', async () => {
    const { run } = await runner({ mode: 'deploy' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('The input mode must be');
  });
});
