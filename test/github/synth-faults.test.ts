import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStackguardOctokit } from '../../src/github/octokit.js';
import { deliver, testApp } from './helpers/app.js';
import { FlakyGitHub, useFlakyGitHub } from './helpers/flaky-github.js';
import { pullRequestPayload } from './helpers/payloads.js';
import { shopRepo } from './helpers/repos.js';

const MiB = 1024 * 1024;
const RUNAWAY = readFileSync(new URL('../fixtures/sources/scripts/runaway.mjs', import.meta.url), 'utf8');

function runawayRepo(mode: string) {
  return { 'README.md': '# Hello-World\n', 'infra/cdk.json': { app: `node runaway.mjs ${mode}` }, 'infra/runaway.mjs': RUNAWAY };
}

let github: FlakyGitHub;
useFlakyGitHub((fresh) => (github = fresh));

describe('a synth that runs away fails only its own check, with the cause named', () => {
  it.each([
    ['allocates without end', 'buffers', /synth \(head\)[\s\S]*(ran out of memory|used more than 256 MiB of memory)/],
    ['writes a huge file', 'big-file', /synth \(head\)[\s\S]*(wrote a file larger than the disk budget|wrote more than the disk budget) \(?(of )?64 MiB/],
    ['prints without end', 'print', /synth \(head\)[\s\S]*printed more than 4 MiB of output/],
  ])('%s, while the review of another pull request completes', async (_name, mode, cause) => {
    // GIVEN pull request 2 whose app runs away, and pull request 3 with an ordinary change, reviewed at the same time
    const [bad, good] = ['1'.repeat(40), '3'.repeat(40)];
    await github.pull(2, { head: bad, base: 'b'.repeat(40), state: 'open' }, { head: runawayRepo(mode), base: shopRepo('base') });
    await github.pull(3, { head: good, base: 'c'.repeat(40), state: 'open' }, { head: shopRepo('head'), base: shopRepo('base') });
    const app = await testApp({
      Octokit: createStackguardOctokit({ msPerSecond: 0 }),
      settings: { concurrency: 2, perRepositoryConcurrency: 2, synthLimits: { memoryBytes: 256 * MiB, diskBytes: 64 * MiB, outputBytes: 4 * MiB } },
    });
    // WHEN both are opened
    await deliver(app, 'pull_request', pullRequestPayload('opened', { number: 2, headSha: bad, baseSha: 'b'.repeat(40) }));
    await deliver(app, 'pull_request', pullRequestPayload('opened', { number: 3, headSha: good, baseSha: 'c'.repeat(40) }));
    await app.queue.onIdle();
    // THEN the runaway's check failed at its synth and says why
    const badRun = github.runs.find((run) => run.head_sha === bad);
    expect(badRun).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Review failed: synth (head)' } });
    expect(badRun?.output?.summary).toMatch(cause);
    // AND the other pull request got its review
    expect(github.runs.find((run) => run.head_sha === good)).toMatchObject({ status: 'completed', conclusion: 'action_required' });
    expect(github.comments.get(3)).toHaveLength(1);
    expect(github.runs).toHaveLength(2);
  });
});
