import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsSource } from '../../src/github/baseline/choose-baseline.js';
import type { LoadedSide } from '../../src/sources/load-side.js';
import { loadSide } from '../../src/sources/load-side.js';
import { deliver, testApp } from './helpers/app.js';
import { removeTempDirs } from './helpers/files.js';
import { mockReview } from './helpers/flows.js';
import { GitHubMock } from './helpers/github-mock.js';
import { pullRequestPayload } from './helpers/payloads.js';
import { shopRepo } from './helpers/repos.js';

beforeEach(() => nock.disableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await removeTempDirs();
});

/** AWS as the App sees it through src/aws, answered from the shop example's committed base assembly. */
function fakeAws(configured: boolean, calls: string[]): AwsSource {
  return {
    configured: () => configured,
    provider: () => ({
      kind: 'deployed',
      sides: async (apps, head) => {
        const heads = await head;
        calls.push(`deployed for ${apps.join(',')} with head stacks ${[...heads.values()].map((s) => s.stacks.length).join(',')}`);
        const deployed = await loadSide('examples/shop/base.cdk.out');
        return new Map(apps.map((app) => [app, { ...deployed, description: 'deployed stacks in 111111111111/eu-west-1 (CloudFormation)' } as LoadedSide]));
      },
    }),
    findings: async (_head, _config, base) => {
      calls.push(`findings (deployed base given: ${base !== undefined})`);
      return { consulted: false, reason: 'the fake says no' };
    },
  };
}

describe('choosing the baseline', () => {
  it('compares with what is deployed when the config asks for it and the App has AWS access; the base is not downloaded', async () => {
    const calls: string[] = [];
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: shopRepo('head'), baseTree: null, config: 'baseline: deployed\n', comments: [[]], write: 'create' });
    const app = await testApp({ aws: fakeAws(true, calls) });
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();
    github.assertDone();
    expect(calls).toEqual(['deployed for infra with head stacks 3', 'findings (deployed base given: true)']);
    expect(github.lastBody('PATCH check-run 101').output.summary).toContain('Baseline: deployed stacks in 111111111111/eu-west-1 (CloudFormation) (deployed).');
  });

  it('falls back to the base branch without AWS access, and says so in the comment and the check', async () => {
    const calls: string[] = [];
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: shopRepo('head'), baseTree: shopRepo('base'), config: 'baseline: deployed\n', comments: [[]], write: 'create' });
    const app = await testApp({ aws: fakeAws(false, calls) });
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();
    github.assertDone();
    expect(calls).toEqual([]);
    const note = 'asks for the `deployed` baseline, but the App has no AWS access configured, so this pull request was compared with its base branch instead.';
    expect(github.lastBody('POST comment on #2').body).toContain(note);
    expect(github.lastBody('PATCH check-run 101').output.summary).toContain(note);
  });

  it('synthesizes the base commit once for pull requests on the same base', async () => {
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: shopRepo('head'), baseTree: shopRepo('base'), comments: [[]], write: 'create' });
    const second = 'e'.repeat(40);
    await mockReview(github, { checkRunId: 102, head: second, headTree: shopRepo('head'), baseTree: null, comments: [[]], write: 'create', commentId: 9002 });
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('opened'));
    await app.queue.onIdle();
    await deliver(app, 'pull_request', pullRequestPayload('synchronize', { headSha: second }));
    await app.queue.onIdle();
    github.assertDone();
  });
});
