import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { COMMENT_MARKER } from '../../src/core/render/markdown.js';
import { blockingFingerprint } from '../../src/github/fingerprint.js';
import { mergeAppReports } from '../../src/github/merge-reports.js';
import { withState } from '../../src/github/publish/comment-body.js';
import { emptyState, type Acknowledgement, type ReviewState } from '../../src/github/publish/review-state.js';
import { reviewSides } from '../../src/pipeline/review-sides.js';
import { loadSide } from '../../src/sources/load-side.js';
import { APP_ID, deliver, STATE_KEY, testApp } from './helpers/app.js';
import { removeTempDirs } from './helpers/files.js';
import { mockReview } from './helpers/flows.js';
import { comment, GitHubMock } from './helpers/github-mock.js';
import { BASE_SHA, checkRunPayload, HEAD_SHA, issueCommentPayload, pullRequestPayload } from './helpers/payloads.js';
import { shopRepo } from './helpers/repos.js';

const WHO = { stateKey: STATE_KEY, whoMayAcknowledge: 'people with maintain permission or more' };
/** The fingerprint of the shop example's blocking changes, as the App computes it for the shop repository. */
let SHOP: string;

beforeAll(async () => {
  const [base, head] = await Promise.all([loadSide('examples/shop/base.cdk.out'), loadSide('examples/shop/head.cdk.out')]);
  const report = reviewSides({ base, head, config: defaultConfig(), baseline: { kind: 'base-branch', description: 'x' }, today: new Date('2026-03-02') });
  SHOP = blockingFingerprint(mergeAppReports([{ folder: 'infra', report }])) ?? '';
  expect(SHOP).toMatch(/^[0-9a-f]{16}$/);
});

beforeEach(() => nock.disableNetConnect());
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await removeTempDirs();
});

/** The App's comment as a review of the head left it: blocking changes with fingerprint `fingerprint`. */
function reviewComment(state: ReviewState, key = STATE_KEY): object {
  return comment(9001, withState(`**⛔ stackguard — Blocked**\n\n${COMMENT_MARKER}\n`, state, { ...WHO, stateKey: key }));
}


const blockedState = (): ReviewState => ({ ...emptyState(HEAD_SHA), fingerprint: SHOP });
const blockedRun = { title: 'Blocked: 3 changes need a decision', summary: 'Blocked: 3 changes need a decision\n\nTo merge anyway, people with maintain permission or more can click **Acknowledge** above.\n\nBaseline: x' };

describe('the Acknowledge button', () => {
  it('records an allowed user\'s acknowledgement in the comment and turns the check green', async () => {
    // GIVEN a blocked review and a maintainer who clicks Acknowledge
    const github = new GitHubMock()
      .token()
      .config(null)
      .permission('maintainer-mo', 'maintain')
      .pull({ head: HEAD_SHA, base: BASE_SHA })
      .comments([[reviewComment(blockedState())]])
      .updateComment(9001)
      .getCheckRun(101, HEAD_SHA, blockedRun)
      .updateCheckRun(101, HEAD_SHA);
    const app = await testApp();
    await deliver(app, 'check_run', checkRunPayload('requested_action', { id: 101, externalId: SHOP, appId: APP_ID, sender: 'maintainer-mo' }));
    github.assertDone();
    // THEN the comment names who, when, why and which blocking changes, and the check passes without the button
    const body = github.lastBody('PATCH comment 9001').body as string;
    expect(body).toContain('✅ **Acknowledged** by @maintainer-mo, who has maintain permission (at least maintain may acknowledge), on 2026-03-02 10:00 UTC.');
    expect(body).toContain(`fingerprint \`${SHOP}\``);
    expect(body).not.toContain('**To merge anyway:**');
    expect(github.lastBody('PATCH check-run 101')).toEqual({
      conclusion: 'success',
      actions: [],
      output: {
        title: 'Acknowledged: Blocked: 3 changes need a decision',
        summary: `Acknowledged by @maintainer-mo, who has maintain permission (at least maintain may acknowledge), on 2026-03-02 10:00 UTC; blocking changes fingerprint \`${SHOP}\`.\n\nBlocked: 3 changes need a decision\n\nBaseline: x`,
      },
    });
  });

  it('replies to someone without the permission, saying why, and changes nothing', async () => {
    const github = new GitHubMock().token().config(null).permission('writer-wes', 'write').createComment(9100);
    const app = await testApp();
    await deliver(app, 'check_run', checkRunPayload('requested_action', { id: 101, externalId: SHOP, appId: APP_ID, sender: 'writer-wes' }));
    github.assertDone();
    expect(github.lastBody('POST comment on #2').body).toMatch(
      /^@writer-wes, you cannot acknowledge the blocking changes: needs maintain permission on the repository to acknowledge; has write\. Who can: people with maintain permission or more\.\n\n<!-- stackguard:reply [0-9a-f-]{36} -->$/,
    );
  });

  it('lets a member of a configured team acknowledge', async () => {
    const github = new GitHubMock()
      .token()
      .config('acknowledge:\n  teams: [platform]\n')
      .permission('teammate-tia', 'write')
      .pull({ head: HEAD_SHA, base: BASE_SHA })
      .comments([[reviewComment(blockedState())]])
      .updateComment(9001)
      .getCheckRun(101, HEAD_SHA, blockedRun)
      .updateCheckRun(101, HEAD_SHA);
    github.api.get('/orgs/Codertocat/teams/platform/memberships/teammate-tia').reply(200, { state: 'active', role: 'member' });
    const app = await testApp();
    await deliver(app, 'check_run', checkRunPayload('requested_action', { id: 101, externalId: SHOP, appId: APP_ID, sender: 'teammate-tia' }));
    github.assertDone();
    expect(github.lastBody('PATCH comment 9001').body).toContain('by @teammate-tia, who is a member of team platform, on');
  });
});

describe('the /stackguard acknowledge comment', () => {
  it('acknowledges the head commit\'s blocking changes for an admin', async () => {
    const github = new GitHubMock()
      .token()
      .config(null)
      .permission('admin-ada', 'admin')
      .pull({ head: HEAD_SHA, base: BASE_SHA })
      .checkRuns(HEAD_SHA, [{ id: 101, status: 'completed', conclusion: 'action_required', externalId: SHOP }])
      .comments([[reviewComment(blockedState())]])
      .updateComment(9001)
      .getCheckRun(101, HEAD_SHA, blockedRun)
      .updateCheckRun(101, HEAD_SHA);
    const app = await testApp();
    await deliver(app, 'issue_comment', issueCommentPayload('Looked at the queue change with the team.\n/stackguard acknowledge', { user: 'admin-ada' }));
    github.assertDone();
    expect(github.lastBody('PATCH comment 9001').body).toContain('by @admin-ada, who has admin permission');
    expect(github.lastBody('PATCH check-run 101').conclusion).toBe('success');
  });

  it('says there is nothing to acknowledge when the check has no blocking changes', async () => {
    const github = new GitHubMock()
      .token()
      .config(null)
      .permission('admin-ada', 'admin')
      .pull({ head: HEAD_SHA, base: BASE_SHA })
      .checkRuns(HEAD_SHA, [{ id: 101, status: 'completed', conclusion: 'success', externalId: '' }])
      .createComment(9100);
    const app = await testApp();
    await deliver(app, 'issue_comment', issueCommentPayload('/stackguard acknowledge', { user: 'admin-ada' }));
    github.assertDone();
    expect(github.lastBody('POST comment on #2').body).toContain('has no blocking changes: there is nothing to acknowledge');
  });

  it('asks to wait while the review is still running', async () => {
    const github = new GitHubMock()
      .token()
      .config(null)
      .permission('admin-ada', 'admin')
      .pull({ head: HEAD_SHA, base: BASE_SHA })
      .checkRuns(HEAD_SHA, [{ id: 101, status: 'in_progress' }])
      .createComment(9100);
    const app = await testApp();
    await deliver(app, 'issue_comment', issueCommentPayload('/stackguard acknowledge', { user: 'admin-ada' }));
    github.assertDone();
    expect(github.lastBody('POST comment on #2').body).toContain('there is no finished stackguard review of ec26c3e yet');
  });

  it('ignores other comments and comments by bots', async () => {
    const app = await testApp();
    await deliver(app, 'issue_comment', issueCommentPayload('LGTM, please acknowledge when ready'));
    await deliver(app, 'issue_comment', issueCommentPayload('/stackguard acknowledge', { userType: 'Bot' }));
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('acknowledgements across pushes', () => {
  const ack = (fingerprint: string): Acknowledgement => ({ by: 'maintainer-mo', at: '2026-03-01T09:30:00.000Z', fingerprint, sha: 'd'.repeat(40), reason: 'has maintain permission' });

  async function pushWith(state: ReviewState, key = STATE_KEY) {
    const github = new GitHubMock().token();
    await mockReview(github, { headTree: shopRepo('head'), baseTree: shopRepo('base'), comments: [[reviewComment(state, key)]], write: 'update' });
    const app = await testApp();
    await deliver(app, 'pull_request', pullRequestPayload('synchronize'));
    await app.queue.onIdle();
    github.assertDone();
    return { github, app };
  }

  it('passes a later push whose blocking changes were already acknowledged, and says so', async () => {
    const { github } = await pushWith({ version: 1, sha: 'd'.repeat(40), fingerprint: SHOP, acks: [ack(SHOP)] });
    const completed = github.lastBody('PATCH check-run 101');
    expect(completed).toMatchObject({ conclusion: 'success', actions: [], external_id: SHOP });
    expect(completed.output.title).toMatch(/^Acknowledged: Blocked: 3 changes/);
    expect(github.lastBody('PATCH comment 9001').body).toContain('✅ **Acknowledged** by @maintainer-mo, who has maintain permission, on 2026-03-01 09:30 UTC');
  });

  it('blocks again when a push changes the blocking changes, keeping the earlier acknowledgement in the history', async () => {
    const { github } = await pushWith({ version: 1, sha: 'd'.repeat(40), fingerprint: 'aaaaaaaaaaaaaaaa', acks: [ack('aaaaaaaaaaaaaaaa')] });
    expect(github.lastBody('PATCH check-run 101')).toMatchObject({ conclusion: 'action_required', actions: [{ identifier: 'acknowledge' }] });
    const body = github.lastBody('PATCH comment 9001').body as string;
    expect(body).toContain('**To merge anyway:**');
    expect(body).toContain('Earlier acknowledgements (1)');
    expect(body).toContain('| @maintainer-mo | 2026-03-01 09:30 UTC | `aaaaaaaaaaaaaaaa` | ddddddd |');
  });

  it('ignores an acknowledgement written into the comment by anyone but the App (the signature does not match)', async () => {
    const { github, app } = await pushWith({ version: 1, sha: 'd'.repeat(40), fingerprint: SHOP, acks: [ack(SHOP)] }, 'forged-key');
    expect(github.lastBody('PATCH check-run 101').conclusion).toBe('action_required');
    expect(app.logs.some((line) => line.msg === 'ignoring the state block of the review comment')).toBe(true);
  });
});
