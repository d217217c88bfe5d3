import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeReport, ReviewReport } from '../../src/core/report.js';
import { blockingFingerprint } from '../../src/github/fingerprint.js';
import type { Octokit } from '../../src/github/github-types.js';
import { mergeAppReports } from '../../src/github/merge-reports.js';
import { reviewAnnotations } from '../../src/github/publish/annotations.js';
import { checkResult } from '../../src/github/publish/check-output.js';
import { completeCheckRun } from '../../src/github/publish/check-runs.js';
import { commentBody, withState } from '../../src/github/publish/comment-body.js';
import { decodeState, emptyState, encodeState, MAX_ACKNOWLEDGEMENTS } from '../../src/github/publish/review-state.js';
import { emptyChange } from '../../src/core/classify-resource.js';

/** A tiny report: one stack with the given changes. */
function report(changes: Array<Partial<ChangeReport> & { logicalId: string }>, stackName = 'Data'): ReviewReport {
  // The same empty change the classifier starts from, with a source line so annotations have somewhere to go.
  const full = changes.map((c) => ({ ...emptyChange(c.logicalId, 'AWS::SQS::Queue', false, { constructPath: null, source: { file: 'lib/data.ts', line: 10 } }), ...c }));
  return {
    schemaVersion: 1,
    conclusion: full.some((c) => c.blocking) ? 'failure' : 'success',
    baseline: { kind: 'base-branch', description: 'base branch main at 1234567' },
    summary: { stacks: 1, changes: full.length, blocking: full.filter((c) => c.blocking).length, regressions: 0, improvements: 0, byDowntime: { none: full.length, atomic: 0, rolling: 0, interruption: 0, replacement: 0, deletion: 0 } },
    stacks: [{ stackName, parentStack: null, status: 'changed', notes: [], changes: full }],
    posture: { stillFailing: [], notJudged: 0, ruleErrors: [], unattached: [] },
  };
}

const replaceQueue = { logicalId: 'Orders', action: 'replace' as const, downtime: 'replacement' as const, stateful: true, blocking: true, blockedBy: [{ policy: 'stateful-replacement', detail: 'replaces a stateful AWS::SQS::Queue' }] };

describe('blockingFingerprint', () => {
  it('stays the same when the same changes block, whatever else moved', () => {
    // GIVEN two reviews with the same blocking change but other source lines and other non-blocking changes
    const first = report([{ ...replaceQueue, source: { file: 'lib/data.ts', line: 10 } }]);
    const second = report([{ ...replaceQueue, source: { file: 'lib/data.ts', line: 99 }, reasons: ['other words'] }, { logicalId: 'Topic' }]);
    expect(blockingFingerprint(first)).toBe(blockingFingerprint(second));
  });

  it('changes when a blocking change is added or blocks for another reason, and is null when nothing blocks', () => {
    const base = blockingFingerprint(report([replaceQueue]));
    expect(blockingFingerprint(report([replaceQueue, { ...replaceQueue, logicalId: 'Dlq' }]))).not.toBe(base);
    expect(blockingFingerprint(report([{ ...replaceQueue, action: 'delete', blockedBy: [{ policy: 'stateful-deletion', detail: 'deletes' }] }]))).not.toBe(base);
    expect(blockingFingerprint(report([{ logicalId: 'Topic' }]))).toBeNull();
  });
});

describe('the signed state in the comment', () => {
  it('reads back what it wrote, and keeps the last acknowledgements only', () => {
    const acks = Array.from({ length: MAX_ACKNOWLEDGEMENTS + 5 }, (_, i) => ({ by: `u${i}`, at: 'now', fingerprint: 'f', sha: 's', reason: 'r' }));
    const decoded = decodeState(`text ${encodeState({ ...emptyState('abc'), acks }, 'k')} more`, 'k');
    expect(decoded.status).toBe('valid');
    if (decoded.status === 'valid') expect(decoded.state.acks.map((a) => a.by)).toEqual(acks.slice(5).map((a) => a.by));
  });

  it('refuses a block edited by hand or signed with another key', () => {
    const block = encodeState({ ...emptyState('abc'), fingerprint: 'f' }, 'k');
    expect(decodeState(block, 'other').status).toBe('invalid');
    const [, payload = ''] = /state ([^.]+)\./.exec(block) ?? [];
    const forged = Buffer.from(JSON.stringify({ version: 1, sha: 'abc', fingerprint: 'f', acks: [{ by: 'me', at: 'x', fingerprint: 'f', sha: 'abc', reason: 'r' }] })).toString('base64url');
    expect(decodeState(block.replace(payload, forged), 'k').status).toBe('invalid');
    expect(decodeState('no block here', 'k').status).toBe('absent');
  });
});

describe('the comment', () => {
  it('rewrites only the acknowledgement region and the state of an existing comment', () => {
    const outcome = { kind: 'reviewed' as const, report: report([replaceQueue]), fingerprint: 'f1', notes: [] };
    const state = { ...emptyState('abc'), fingerprint: 'f1' };
    const ctx = { sha: 'abc', stateKey: 'k', whoMayAcknowledge: 'people with maintain permission or more' };
    const original = commentBody(outcome, state, ctx);
    expect(original).toContain('**To merge anyway:**');
    const acked = withState(original, { ...state, acks: [{ by: 'mo', at: '2026-03-02T10:00:00.000Z', fingerprint: 'f1', sha: 'abc', reason: 'has admin permission' }] }, ctx);
    expect(acked).toContain('✅ **Acknowledged** by @mo, who has admin permission, on 2026-03-02 10:00 UTC.');
    expect(acked).not.toContain('**To merge anyway:**');
    // Everything before the region is untouched.
    expect(acked.slice(0, original.indexOf('<!-- stackguard:ack -->'))).toBe(original.slice(0, original.indexOf('<!-- stackguard:ack -->')));
    expect(decodeState(acked, 'k')).toMatchObject({ status: 'valid', state: { acks: [{ by: 'mo' }] } });
  });

  it('says what happened when no review was made, escaping what the error says', () => {
    const body = commentBody({ kind: 'failed', step: 'synth (head)', message: 'App printed <script>' }, emptyState('abc1234567'), { sha: 'abc1234567', stateKey: 'k', whoMayAcknowledge: 'x' });
    expect(body).toContain('the review of abc1234 could not be made** (step: synth (head)): App printed &lt;script&gt;');
    expect(body).toContain('<!-- stackguard:review -->');
  });
});

describe('the check run result', () => {
  it('fails closed: a failed review fails the check, with the log tail in the text', () => {
    const result = checkResult({ kind: 'failed', step: 'install', message: 'npm ci exited with code 1.', details: 'npm ERR! missing lockfile' }, undefined, 'x');
    expect(result).toMatchObject({ conclusion: 'failure', title: 'Review failed: install', actions: [] });
    expect(result.text).toContain('npm ERR! missing lockfile');
  });

  it('annotates blocking changes and regressions on their source lines, not deletions', () => {
    const annotations = reviewAnnotations(
      report([
        replaceQueue,
        { logicalId: 'Gone', action: 'delete', blocking: true, blockedBy: [{ policy: 'stateful-deletion', detail: 'd' }] },
        { logicalId: 'Open', controls: [{ controlId: 'S3.5', title: 't', severity: 'MEDIUM', effect: 'regression', soc2: [], resource: 'Open' }] },
        { logicalId: 'Quiet' },
      ]),
    );
    expect(annotations.map((a) => [a.annotation_level, a.title])).toEqual([
      ['failure', 'Blocking: replace of Data/Orders (AWS::SQS::Queue)'],
      ['warning', 'update of Data/Open (AWS::SQS::Queue)'],
    ]);
  });
});

describe('completeCheckRun', () => {
  afterEach(() => nock.cleanAll());

  it('sends 50 annotations per request and the rest in further updates', async () => {
    // GIVEN a review with 120 annotated blocking changes
    const many = report(Array.from({ length: 120 }, (_, i) => ({ ...replaceQueue, logicalId: `Queue${i}`, source: { file: 'lib/q.ts', line: i + 1 } })));
    const result = checkResult({ kind: 'reviewed', report: many, fingerprint: blockingFingerprint(many), notes: [] }, undefined, 'x');
    const sentAnnotations: number[] = [];
    nock.disableNetConnect();
    nock('https://api.github.com')
      .patch('/repos/o/r/check-runs/5')
      .times(3)
      .reply(200, (_uri, body) => {
        sentAnnotations.push((body as { output: { annotations: unknown[] } }).output.annotations.length);
        return {};
      });
    const probot = new Probot({ githubToken: 't', log: pino({ level: 'silent' }), Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })) });
    const octokit = (await probot.auth()) as unknown as Octokit;
    // WHEN the check run is completed
    await completeCheckRun(octokit, { owner: 'o', repo: 'r' }, 5, result, { now: new Date(0) });
    // THEN three requests carried 50, 50 and 20
    expect(sentAnnotations).toEqual([50, 50, 20]);
    expect(nock.pendingMocks()).toEqual([]);
    nock.enableNetConnect();
  });
});

describe('mergeAppReports', () => {
  it('makes sources repository-relative and stack names unique across apps', () => {
    const merged = mergeAppReports([
      { folder: 'infra/a', report: report([replaceQueue]) },
      { folder: 'infra/b', report: report([{ logicalId: 'Topic' }]) },
    ]);
    expect(merged.stacks.map((s) => s.stackName)).toEqual(['infra/a:Data', 'infra/b:Data']);
    expect(merged.stacks[0]?.changes[0]?.source).toEqual({ file: 'infra/a/lib/data.ts', line: 10 });
    expect(merged).toMatchObject({ conclusion: 'failure', summary: { changes: 2, blocking: 1 } });
  });

  it('leaves a single app\'s stack names alone', () => {
    expect(mergeAppReports([{ folder: '.', report: report([replaceQueue]) }]).stacks[0]).toMatchObject({ stackName: 'Data', changes: [{ source: { file: 'lib/data.ts' } }] });
  });
});
