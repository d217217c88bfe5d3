/**
 * The review in actions mode (`synth.mode: actions`): the repository's workflow synthesized, so the App downloads
 * artifacts and runs no repository code. Head: the artifact of the synth workflow's run at the head commit.
 * Baseline: the deployed stacks (with `baseline: deployed` and AWS access), else the artifact of a trusted run
 * (a push in the repository, not a pull request) at the base commit. The App trusts nothing in an artifact but
 * the templates and manifest it checks; the verdict is computed here, as in app mode.
 */

import path from 'node:path';
import { createHash } from 'node:crypto';
import type { StackguardConfig } from '../../config/index.js';
import { reviewSides } from '../../pipeline/review-sides.js';
import type { LoadedSide } from '../../sources/load-side.js';
import { downloadSynthArtifact } from '../actions/artifact.js';
import { latestRunAt, trustedRunAt, type WorkflowRunRef } from '../actions/workflow-runs.js';
import { emptySide } from '../baseline/provider.js';
import { blockingFingerprint } from '../fingerprint.js';
import type { Octokit } from '../github-types.js';
import { mergeAppReports } from '../merge-reports.js';
import { shortSha, type ReviewOutcome } from '../outcome.js';
import type { ReviewRequest, ReviewServices } from './make-review.js';
import { ReviewFailure } from './progress.js';

/** The synth workflow has not finished for this commit: the check stays queued and says what it waits for. */
export interface WaitingForWorkflow {
  kind: 'waiting';
  title: string;
  summary: string;
}

export async function makeActionsReview(request: ReviewRequest, services: ReviewServices, given?: WorkflowRunRef): Promise<ReviewOutcome | WaitingForWorkflow> {
  const { octokit, repo, pull, config, workspace, progress } = request;
  const { workflow, artifact } = config.synth;
  progress.enter('workflow run');
  const run = given ?? (await latestRunAt(octokit, repo, pull.headSha, workflow));
  if (run?.status !== 'completed') {
    return {
      kind: 'waiting',
      title: 'Waiting for the synth workflow',
      summary:
        `This repository synthesizes in GitHub Actions (\`synth.mode: actions\`). stackguard reviews ${shortSha(pull.headSha)} when the workflow ` +
        `\`${workflow}\` completes for it and uploads the artifact \`${artifact}\`` +
        (run ? ` ([run in progress](${run.htmlUrl})).` : '. No run of it has started for this commit yet: check that the workflow runs on `pull_request`.'),
    };
  }
  if (run.conclusion === 'action_required') {
    // A first-time contributor's run waits for a maintainer's approval: nothing failed yet.
    return {
      kind: 'waiting',
      title: 'Waiting for the synth workflow to be approved',
      summary: `The run of \`${workflow}\` for ${shortSha(pull.headSha)} waits for a maintainer to approve it (${run.htmlUrl}). stackguard reviews the commit when the approved run completes.`,
    };
  }
  if (run.conclusion !== 'success') {
    throw new ReviewFailure('workflow', `The synth workflow \`${workflow}\` ended \`${run.conclusion ?? 'without a conclusion'}\` for ${shortSha(pull.headSha)}: ${run.htmlUrl}. Fix it and re-run it; this check follows its next run.`);
  }

  const limits = { maxDownloadBytes: services.settings.maxDownloadBytes, maxBytes: services.settings.maxExtractedBytes, maxEntries: services.settings.maxEntries };
  progress.enter('download artifact');
  const head = await downloadSynthArtifact({ octokit, repo, run, name: artifact, dir: path.join(workspace.dir, 'head'), limits, label: 'head', signal: progress.signal });
  const missing = (config.apps ?? []).filter((folder) => !head.sides.has(folder));
  if (missing.length > 0) {
    throw new ReviewFailure('download artifact', `The artifact has no synth of ${missing.join(', ')}, listed in \`apps\` of .github/stackguard.yml on the default branch: the workflow must synthesize every configured app.`);
  }

  progress.enter('baseline');
  const deployed = config.baseline !== 'base-branch' && services.aws?.configured(config) === true;
  const notes: string[] = [];
  let baseSides: Map<string, LoadedSide>;
  if (deployed) {
    baseSides = await services.aws!.provider(config).sides([...head.sides.keys()], Promise.resolve(head.sides));
  } else {
    if (config.baseline !== 'base-branch') notes.push(`The config asks for the \`${config.baseline}\` baseline, but the App has no AWS access configured, so this pull request was compared with the synth artifact of its base commit instead.`);
    const baseRun = await trustedRunAt(octokit, repo, pull.baseSha, workflow);
    if (!baseRun) {
      throw new ReviewFailure(
        'baseline',
        `No successful push run of \`${workflow}\` exists for the base commit ${shortSha(pull.baseSha)} of \`${pull.baseRef}\`, so there is nothing to compare with. ` +
          `Run the workflow on \`${pull.baseRef}\` at that commit (re-run its push run, or run it by hand if it has \`workflow_dispatch\`), then re-run this check.`,
      );
    }
    progress.enter('download artifact (base)');
    baseSides = (await downloadSynthArtifact({ octokit, repo, run: baseRun, name: artifact, dir: path.join(workspace.dir, 'base'), limits, label: `base branch ${pull.baseRef}`, signal: progress.signal })).sides;
  }

  const readFindings = deployed && config.aws.securityHub;
  const reports = [];
  for (const folder of [...new Set([...head.sides.keys(), ...baseSides.keys()])].sort()) {
    const headSide = head.sides.get(folder) ?? emptySide(`no app in ${folder} at the head`);
    const baseSide = baseSides.get(folder) ?? emptySide(`no app in ${folder} at the baseline`);
    progress.enter('read Security Hub findings');
    const findings = readFindings ? await services.aws?.findings(headSide, config, baseSide) : undefined;
    progress.enter('review');
    const baseline = { kind: deployed ? ('deployed' as const) : ('base-branch' as const), description: baseSide.description };
    reports.push({ folder, report: reviewSides({ base: baseSide, head: headSide, config, baseline, today: services.now(), findings }) });
  }
  const report = mergeAppReports(reports);
  const changedWorkflow = await workflowChange(octokit, request, config);
  const fingerprint = blockingFingerprint(report);
  if (!changedWorkflow) return { kind: 'reviewed', report, fingerprint, notes };
  notes.unshift(
    `This pull request changes \`${workflow}\`, the workflow that made the artifact reviewed here, so the artifact cannot be trusted to be what stackguard's synth makes. ` +
      'The check does not pass until someone who may acknowledge has read the workflow change and acknowledges it.',
  );
  // Bound to the workflow file's content at the head: a later push that changes it again needs a new acknowledgement.
  const bound = createHash('sha256').update(`workflow:${workflow}:${changedWorkflow}|${fingerprint ?? ''}`).digest('hex').slice(0, 16);
  return { kind: 'reviewed', report, fingerprint: bound, notes };
}

/** The blob SHA of the synth workflow at the head when the pull request changes it, else undefined. */
async function workflowChange(octokit: Octokit, request: ReviewRequest, config: StackguardConfig): Promise<string | undefined> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...request.repo, pull_number: request.pull.number, per_page: 100 });
  const changed = files.find((file) => file.filename === config.synth.workflow || file.previous_filename === config.synth.workflow);
  return changed ? (changed.sha ?? 'removed') : undefined;
}
