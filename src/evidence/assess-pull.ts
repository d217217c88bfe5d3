/**
 * One merged pull request as evidence: what stackguard's check run on the merged head commit said, its signed
 * record of blocking changes and control regressions, the acknowledgements in its comment, and the exceptions an
 * auditor must look at. Pure: the facts come from src/evidence/read-pulls.ts.
 *
 * A pull request that changed a CDK app passed when the check on the merged head commit concluded `success`
 * before the merge, and, if something blocked, a verified acknowledgement of those blocking changes was given
 * before the merge. Anything else is an exception.
 */

import { decodeEvidenceBlock } from '../github/publish/evidence-block.js';
import { appFiles } from './app-folders.js';
import { readCommentRecord, withRunAcknowledgements } from './acknowledgements.js';
import type { CheckRunFacts, PullFacts } from './read-pulls.js';
import type { PullRequestEvidence } from './schema.js';

export interface AssessContext {
  folders: readonly string[];
  stateKey: string | undefined;
  /** Only this App's check runs count, when known. */
  appId: number | undefined;
}

type Exceptions = PullRequestEvidence['exceptions'];

export function assessPull(facts: PullFacts, ctx: AssessContext): PullRequestEvidence {
  const { pull } = facts;
  const changed = appFiles(facts.files, ctx.folders);
  const run = chooseRun(facts.runs, ctx);
  const decoded = run ? decodeRunBlock(run, ctx.stateKey) : undefined;
  const block = decoded?.status === 'valid' ? decoded.block : undefined;
  // external_id only the creating App can write: the fingerprint of the blocking changes the run concluded on.
  const fingerprint = run && run.externalId !== '' ? run.externalId : (block?.fingerprint ?? null);
  const comment = readCommentRecord(facts.comment, ctx.stateKey, fingerprint);
  const record = { ...comment, acknowledgements: withRunAcknowledgements(comment.acknowledgements, block?.acks ?? [], fingerprint) };
  const exceptions: Exceptions = [];

  if (changed.length > 0) exceptions.push(...checkExceptions(run, pull, fingerprint, record, ctx));
  for (const ack of record.acknowledgements) {
    if (ack.verification === 'tampered') {
      exceptions.push({ kind: 'unverified-record', detail: `acknowledgement by @${ack.by} at ${ack.at}: its signature does not match; not trusted` });
    }
  }
  if (record.comment.state === 'tampered' && !record.acknowledgements.some((ack) => ack.verification === 'tampered')) {
    exceptions.push({ kind: 'unverified-record', detail: 'the state block of stackguard\'s comment does not verify' });
  }
  if (decoded?.status === 'tampered') {
    exceptions.push({ kind: 'unverified-record', detail: `the evidence record of check run ${run?.id} does not verify (${decoded.reason})` });
  }

  const acknowledged = fingerprint !== null && record.acknowledgements.some((ack) => ack.coversMergedChanges && ack.verification === 'verified');
  const outcome = exceptions.length > 0 ? 'exception' : changed.length === 0 ? 'not-infrastructure' : acknowledged ? 'acknowledged' : 'passed';
  return {
    number: pull.number,
    title: pull.title,
    url: pull.url,
    author: pull.author,
    mergedBy: facts.mergedBy,
    mergedAt: pull.mergedAt,
    headSha: pull.headSha,
    mergeCommitSha: pull.mergeCommitSha,
    changedApp: changed.length > 0,
    appFiles: changed.slice(0, 20),
    outcome,
    check: run
      ? {
          id: run.id,
          url: run.url,
          app: run.appSlug,
          headSha: run.headSha,
          status: run.status,
          conclusion: run.conclusion,
          completedAt: run.completedAt,
          record: decoded?.status === 'valid' ? 'verified' : (decoded?.status ?? 'absent'),
        }
      : null,
    fingerprint,
    totals: block ? block.totals : null,
    blocking: (block?.blocking ?? []).map((b) => ({ stack: b.stack, resource: b.resource, resourceType: b.type, action: b.action, downtime: b.downtime, policy: b.policy })),
    regressions: (block?.regressions ?? []).map((r) => ({ stack: r.stack, resource: r.resource, controlId: r.control, severity: r.severity, soc2: r.soc2, accepted: r.accepted })),
    acknowledgements: record.acknowledgements,
    comment: record.comment,
    exceptions,
  };
}

/**
 * The latest run of the App. Which App: the one given; else the App of a run whose signed record verifies (a
 * failed review has no record, so the latest run of that App is taken, not the latest signed one); else any.
 */
/**
 * The run's signed evidence block, as long as it is about the run's own commit: a genuine block copied from another
 * commit's run (any workflow with `checks: write` can create a run named stackguard) proves nothing here.
 */
function decodeRunBlock(run: CheckRunFacts, key: string | undefined): ReturnType<typeof decodeEvidenceBlock> {
  const decoded = decodeEvidenceBlock(run.summary, key);
  if (decoded.status === 'valid' && decoded.block.sha !== run.headSha) {
    return { status: 'tampered', reason: `it records commit ${decoded.block.sha.slice(0, 12)}, not the run's ${run.headSha.slice(0, 12)}` };
  }
  return decoded;
}

function chooseRun(runs: readonly CheckRunFacts[], ctx: AssessContext): CheckRunFacts | undefined {
  const latestFirst = [...runs].sort((a, b) => b.id - a.id);
  const signed = latestFirst.find((run) => decodeRunBlock(run, ctx.stateKey).status === 'valid');
  const appId = ctx.appId ?? signed?.appId;
  return appId === undefined ? latestFirst[0] : latestFirst.find((run) => run.appId === appId);
}

function checkExceptions(
  run: CheckRunFacts | undefined,
  pull: PullFacts['pull'],
  fingerprint: string | null,
  record: ReturnType<typeof readCommentRecord>,
  ctx: AssessContext,
): Exceptions {
  const short = pull.headSha.slice(0, 7);
  if (!run) {
    if (record.reviewedSha && record.reviewedSha !== pull.headSha) {
      return [{ kind: 'check-on-other-commit', detail: `no stackguard check run on the merged commit ${short}; stackguard last reviewed ${record.reviewedSha.slice(0, 7)}` }];
    }
    const which = ctx.appId === undefined ? '' : ` from App ${ctx.appId}`;
    return [{ kind: 'no-check', detail: `no stackguard check run${which} on the merged commit ${short}` }];
  }
  if (run.status !== 'completed' || run.conclusion !== 'success') {
    const state = run.status !== 'completed' ? run.status : run.conclusion;
    return [{ kind: 'check-not-passing', detail: `merged while the stackguard check on ${short} was ${state} (branch protection did not require it, or was bypassed)` }];
  }
  const exceptions: Exceptions = [];
  if (run.completedAt && after(run.completedAt, pull.mergedAt)) {
    exceptions.push({ kind: 'passed-after-merge', detail: `the check on ${short} completed at ${run.completedAt}, after the merge at ${pull.mergedAt}` });
  }
  if (fingerprint !== null) {
    const acks = record.acknowledgements.filter((ack) => ack.coversMergedChanges && ack.verification === 'verified');
    if (acks.length === 0) {
      exceptions.push({ kind: 'unverified-record', detail: `the check passed with blocking changes (fingerprint ${fingerprint}) but no verified acknowledgement of them is on record` });
    } else if (acks.every((ack) => after(ack.at, pull.mergedAt))) {
      exceptions.push({ kind: 'passed-after-merge', detail: `the blocking changes were acknowledged at ${acks[0]?.at}, after the merge at ${pull.mergedAt}` });
    }
  }
  return exceptions;
}

function after(time: string, reference: string): boolean {
  return Date.parse(time) > Date.parse(reference);
}
