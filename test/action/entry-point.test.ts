/**
 * The action's entry point run the way action.yml runs it on a runner: `node dist/action/main.js` in the
 * checkout, with the runner's GITHUB_* and RUNNER_* variables, an event file and the inputs as INPUT_* variables.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNTH_MANIFEST_FILE } from '../../src/sources/synth-output.js';
import { checkout } from '../cli/synth-helpers.js';
import { removeTempDirs } from '../github/helpers/files.js';
import { shopRepo } from '../github/helpers/repos.js';
import { runStep } from './runner.js';

afterAll(removeTempDirs);

async function runner(inputs: Record<string, string>) {
  const repo = await checkout(shopRepo('head'));
  const step = await runStep(repo.root, inputs);
  return { run: { status: step.code, stdout: step.stdout, stderr: step.stderr }, repo, temp: step.temp, outputs: step.outputs };
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
