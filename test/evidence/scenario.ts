/**
 * The period the evidence tests read: March 2026 in Codertocat/Hello-World, whose CDK app lives in infra/. The
 * check runs and comments are what the App itself writes (its check result, signed evidence block and signed
 * state), made from a real review of the shop example, so the test reads exactly what production would.
 */

import { defaultConfig, parseConfig } from '../../src/config/index.js';
import type { ReviewReport } from '../../src/core/report.js';
import { blockingFingerprint } from '../../src/github/fingerprint.js';
import { checkResult } from '../../src/github/publish/check-output.js';
import { commentBody } from '../../src/github/publish/comment-body.js';
import { withEvidenceBlock } from '../../src/github/publish/evidence-block.js';
import { emptyState, type Acknowledgement, type ReviewState } from '../../src/github/publish/review-state.js';
import { reviewSides } from '../../src/pipeline/review-sides.js';
import { loadSide } from '../../src/sources/load-side.js';
import type { FakeConfigCommit, FakePull } from './fake-github.js';

export const STATE_KEY = 'evidence-test-key';
export const APP_ID = 2;
export const NOW = new Date('2026-04-02T09:00:00Z');

const sha = (n: number) => `${n.toString(16).padStart(4, '0')}${'a1b2c3d4e5'.repeat(4)}`.slice(0, 40);

export async function reviews(): Promise<{ blocked: ReviewReport; clean: ReviewReport }> {
  const [base, head] = await Promise.all([loadSide('examples/shop/base.cdk.out'), loadSide('examples/shop/head.cdk.out')]);
  const baseline = { kind: 'base-branch' as const, description: 'base branch main' };
  const today = new Date('2026-03-01');
  const blocked = reviewSides({ base, head, config: defaultConfig(), baseline, today });
  // The same change with the team's expectations written down: nothing blocks.
  const relaxed = parseConfig(
    'policy:\n  severityThreshold: CRITICAL\nallow:\n  - stack: ShopData\n    type: "AWS::SQS::Queue"\n    reason: queues are drained before deploys\n',
    'test',
  );
  const clean = reviewSides({ base, head, config: relaxed, baseline, today });
  return { blocked, clean };
}

function reviewedRun(id: number, report: ReviewReport, headSha: string, ack: Acknowledgement | undefined, completedAt: string) {
  const fingerprint = blockingFingerprint(report);
  const result = withEvidenceBlock(checkResult({ kind: 'reviewed', report, fingerprint, notes: [] }, ack, 'people with write permission or more'), report, headSha, STATE_KEY, ack);
  return { id, conclusion: result.conclusion, externalId: fingerprint ?? '', summary: result.summary, completedAt, appId: APP_ID };
}

function reviewComment(id: number, report: ReviewReport, state: ReviewState, key = STATE_KEY) {
  const body = commentBody({ kind: 'reviewed', report, fingerprint: state.fingerprint, notes: [] }, state, { sha: state.sha, stateKey: key, whoMayAcknowledge: 'people with write permission or more' });
  return { id, body };
}

export function marchPulls(blocked: ReviewReport, clean: ReviewReport): FakePull[] {
  const fp = blockingFingerprint(blocked) ?? '';
  const ack = (by: string, at: string, headSha: string): Acknowledgement => ({ by, at, fingerprint: fp, sha: headSha, reason: 'has maintain permission (at least write may acknowledge)', permission: 'maintain' });
  const ackOld = (by: string, at: string, headSha: string): Acknowledgement => ({ by, at, fingerprint: fp, sha: headSha, reason: 'has admin permission (at least write may acknowledge)' });
  const state = (headSha: string, acks: Acknowledgement[], fingerprint: string | null = fp): ReviewState => ({ ...emptyState(headSha), fingerprint, acks });
  const merged = (day: string) => `2026-03-${day}T12:00:00Z`;

  return [
    // A clean merge: reviewed, nothing blocking.
    { number: 101, title: 'Scale the API service', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: merged('03'), headSha: sha(101), files: ['infra/lib/api-stack.ts'],
      runs: [reviewedRun(9101, clean, sha(101), undefined, '2026-03-03T11:00:00Z')], comments: [reviewComment(8101, clean, state(sha(101), [], null))] },
    // An acknowledged blocking change, acknowledged before the merge.
    { number: 102, title: 'Replace the orders queue | FIFO', author: 'dev-dana', mergedBy: 'maintainer-mo', mergedAt: merged('10'), headSha: sha(102), files: ['infra/lib/data-stack.ts'],
      runs: [reviewedRun(9102, blocked, sha(102), ack('maintainer-mo', '2026-03-10T11:30:00.000Z', sha(102)), '2026-03-10T11:00:00Z')],
      comments: [{ id: 1, body: 'LGTM', bot: false }, reviewComment(8102, blocked, state(sha(102), [ackOld('admin-ada', '2026-03-09T08:00:00.000Z', sha(90)), ack('maintainer-mo', '2026-03-10T11:30:00.000Z', sha(102))]))] },
    // Merged while the check asked for an acknowledgement nobody gave: branch protection bypassed.
    { number: 103, title: 'Drop the dead-letter queue', author: 'dev-dan', mergedBy: 'admin-ada', mergedAt: merged('12'), headSha: sha(103), files: ['infra/lib/data-stack.ts', 'docs/queues.md'],
      runs: [reviewedRun(9103, blocked, sha(103), undefined, '2026-03-12T11:00:00Z')], comments: [reviewComment(8103, blocked, state(sha(103), []))] },
    // No stackguard check at all (the App was not installed that day), only another tool's.
    { number: 104, title: 'Add the reporting app', author: 'dev-dan', mergedBy: 'dev-dan', mergedAt: merged('15'), headSha: sha(104), files: ['reports/cdk.json', 'reports/bin/app.ts'] },
    // An acknowledgement written into the comment by hand (the signature does not match), then an admin merge.
    { number: 105, title: '=HYPERLINK("http://x") cleanup', author: 'mallory', mergedBy: 'mallory', mergedAt: merged('18'), headSha: sha(105), files: ['infra/lib/data-stack.ts'],
      runs: [reviewedRun(9105, blocked, sha(105), undefined, '2026-03-18T11:00:00Z')],
      comments: [reviewComment(8105, blocked, state(sha(105), [ack('mallory', '2026-03-18T11:30:00.000Z', sha(105))]), 'not-the-app-key')] },
    // Documentation only: not an infrastructure change.
    { number: 106, title: 'Fix a typo in the README', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: merged('20'), headSha: sha(106), files: ['README.md'] },
    // The last push was merged before stackguard reviewed it; its comment still shows the review of the push before.
    { number: 107, title: 'Tune alarms', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: merged('25'), headSha: sha(107), files: ['infra/lib/alarms.ts'],
      runs: [{ ...reviewedRun(9107, clean, sha(97), undefined, '2026-03-25T10:00:00Z'), sha: sha(97) }], comments: [reviewComment(8107, clean, state(sha(97), [], null))] },
    // Acknowledged, then stackguard's comment was deleted: the check run's signed record still holds the acknowledgement.
    { number: 109, title: 'Move the sessions table', author: 'dev-dan', mergedBy: 'maintainer-mo', mergedAt: merged('27'), headSha: sha(109), files: ['infra/lib/data-stack.ts'],
      runs: [reviewedRun(9109, blocked, sha(109), ack('maintainer-mo', '2026-03-27T10:00:00.000Z', sha(109)), '2026-03-27T09:00:00Z')] },
    // Merged while the review was still running; it passed an hour later.
    { number: 110, title: 'Raise the API timeout', author: 'dev-dana', mergedBy: 'dev-dana', mergedAt: merged('29'), headSha: sha(110), files: ['infra/lib/api-stack.ts'],
      runs: [reviewedRun(9110, clean, sha(110), undefined, '2026-03-29T13:00:00Z')] },
    // Outside the period, and closed without merging: not in the report.
    { number: 99, title: 'February work', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: '2026-02-27T12:00:00Z', headSha: sha(99), files: ['infra/lib/api-stack.ts'] },
    { number: 108, title: 'Abandoned', author: 'dev-dan', updatedAt: '2026-03-28T12:00:00Z', headSha: sha(108), files: ['infra/lib/api-stack.ts'] },
  ];
}

const risk = (control: string, resource: string, owner: string, expires: string) =>
  `  - control: ${control}\n    resource: ${resource}\n    rationale: Only reachable through the VPN; compensating control is the bastion allow-list, fix by Q3.\n    owner: ${owner}\n    expires: "${expires}"\n`;
const allow = 'allow:\n  - stack: ShopData\n    logicalId: "OrdersQueue*"\n    actions: [replace]\n    reason: the queue is drained before every deploy\n';

export const CONFIG_HISTORY: FakeConfigCommit[] = [
  { sha: 'c1'.repeat(20), author: 'lead-lee', date: '2026-02-10T09:00:00Z', text: `apps: [infra]\n${allow}acceptedRisks:\n${risk('EC2.18', 'BastionSecurityGroupDAB89EBD', 'platform-team', '2026-06-30')}` },
  { sha: 'c2'.repeat(20), author: 'lead-lee', date: '2026-03-05T09:00:00Z', text: `apps: [infra]\n${allow}acceptedRisks:\n${risk('EC2.18', 'BastionSecurityGroupDAB89EBD', 'platform-team', '2026-06-30')}${risk('S3.5', 'LogsBucket', 'data-team', '2026-03-15')}` },
  { sha: 'c3'.repeat(20), author: 'admin-ada', date: '2026-03-20T09:00:00Z', text: `apps: [infra, reports]\n${allow}acceptedRisks:\n${risk('EC2.18', 'BastionSecurityGroupDAB89EBD', 'security-team', '2026-06-30')}` },
  // After the period: not read.
  { sha: 'c4'.repeat(20), author: 'admin-ada', date: '2026-04-01T09:00:00Z', text: 'apps: [infra]\n' },
];
