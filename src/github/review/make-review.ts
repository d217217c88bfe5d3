/**
 * The review itself, from a pull request and its config to an outcome: fork policy, download of the head,
 * finding the CDK apps, synthesizing the head and getting the baseline at the same time, then the pure review of
 * each app and one merged report. Errors propagate (as ReviewFailure, named by step); the job turns them into
 * an outcome.
 */

import type { StackguardConfig } from '../../config/index.js';
import type { LoadedSide } from '../../sources/load-side.js';
import { reviewSides } from '../../pipeline/review-sides.js';
import { BaseBranchBaseline } from '../baseline/base-branch.js';
import type { BaseSideCache } from '../baseline/base-side-cache.js';
import { chooseBaseline, type AwsSource } from '../baseline/choose-baseline.js';
import { blockingFingerprint } from '../fingerprint.js';
import { forkDecision } from '../fork-policy.js';
import type { Octokit, RepoRef } from '../github-types.js';
import type { DependencyInstaller } from '../install/installer.js';
import { mergeAppReports } from '../merge-reports.js';
import { shortSha, type ReviewOutcome } from '../outcome.js';
import { whoMayAcknowledge } from '../publish/who-may-acknowledge.js';
import type { AppSettings } from '../settings.js';
import { findApps } from '../workspace/find-apps.js';
import { stopProcessesUnder } from '../workspace/stop-processes.js';
import type { Workspace } from '../workspace/workspace.js';
import { ReviewFailure, ReviewProgress } from './progress.js';
import { synthesizeTree } from './synthesize-tree.js';
import type { PullInfo } from './target.js';

export interface ReviewServices {
  settings: AppSettings;
  installer: DependencyInstaller;
  baseCache: BaseSideCache;
  /** AWS access (deployed baseline, Security Hub findings), when the App has it. */
  aws?: AwsSource;
  now: () => Date;
}

export interface ReviewRequest {
  octokit: Octokit;
  repo: RepoRef;
  pull: PullInfo;
  config: StackguardConfig;
  workspace: Workspace;
  progress: ReviewProgress;
}

export async function makeReview(request: ReviewRequest, services: ReviewServices): Promise<ReviewOutcome> {
  const { octokit, repo, pull, config, workspace, progress } = request;
  const fork = forkDecision(config, pull, whoMayAcknowledge(config));
  if (!fork.synthesize) return { kind: 'fork-waiting', message: fork.message };

  const limits = { maxDownloadBytes: services.settings.maxDownloadBytes, maxBytes: services.settings.maxExtractedBytes, maxEntries: services.settings.maxEntries };
  progress.enter('download');
  const headRoot = await workspace.fetchTree(octokit, repo, pull.headSha, 'head', limits, progress.signal);
  progress.enter('find apps');
  const apps = await findApps(headRoot, config.apps);
  if (apps.length === 0) {
    await refuseRemovedApps(request, limits);
    return { kind: 'no-apps', message: `No cdk.json was found at ${shortSha(pull.headSha)}, and .github/stackguard.yml lists no \`apps\`: there is nothing to review.` };
  }

  // Head and baseline run side by side; when one fails, the other is stopped before the workspace goes away.
  const local = new AbortController();
  const stopLocal = () => local.abort(progress.signal.reason);
  progress.signal.addEventListener('abort', stopLocal, { once: true });
  const headProgress = new ReviewProgress(local.signal, 'head');
  const baseProgress = new ReviewProgress(local.signal, 'base');
  const timeoutMs = config.synth.timeout * 1000;
  const choice = chooseBaseline(
    config,
    () => new BaseBranchBaseline({ octokit, repo, baseSha: pull.baseSha, baseRef: pull.baseRef, workspace, limits, installer: services.installer, timeoutMs, progress: baseProgress, cache: services.baseCache, synthLimits: services.settings.synthLimits }),
    services.aws,
  );
  const head = headProgress.track(() =>
    synthesizeTree({ root: headRoot, apps, describe: () => `head ${shortSha(pull.headSha)}` }, services.installer, timeoutMs, headProgress, services.settings.synthLimits),
  );
  const base = baseProgress.track(() => choice.provider.sides(apps, head));
  let sides: [Map<string, LoadedSide>, Map<string, LoadedSide>];
  try {
    sides = await Promise.all([head, base]);
  } catch (error) {
    local.abort(error);
    stopProcessesUnder(workspace.dir);
    await Promise.allSettled([head, base]);
    throw progress.failure(error);
  } finally {
    progress.signal.removeEventListener('abort', stopLocal);
  }

  const [headSides, baseSides] = sides;
  const readFindings = services.aws !== undefined && services.aws.configured(config) && config.aws.securityHub;
  const reports = [];
  for (const folder of apps) {
    const headSide = headSides.get(folder);
    const baseSide = baseSides.get(folder);
    if (!headSide || !baseSide) throw new ReviewFailure('review', `The app ${folder} has no ${headSide ? 'baseline' : 'head'} side.`);
    progress.enter('read Security Hub findings');
    const deployedBase = choice.provider.kind === 'deployed' ? baseSide : undefined;
    const findings = readFindings ? await services.aws?.findings(headSide, config, deployedBase) : undefined;
    progress.enter('review');
    const baseline = { kind: choice.provider.kind, description: baseSide.description };
    reports.push({ folder, report: reviewSides({ base: baseSide, head: headSide, config, baseline, today: services.now(), findings }) });
  }
  const report = mergeAppReports(reports);
  return { kind: 'reviewed', report, fingerprint: blockingFingerprint(report), notes: choice.notes };
}

/**
 * Fail closed when a pull request removes (or hides) every CDK app of its base: "no app, nothing to review" would
 * let a PR that deletes or moves cdk.json pass a required check while a pipeline still deploys the changed code.
 */
async function refuseRemovedApps(request: ReviewRequest, limits: Parameters<Workspace['fetchTree']>[4]): Promise<void> {
  const { octokit, repo, pull, config, workspace, progress } = request;
  const baseRoot = await workspace.fetchTree(octokit, repo, pull.baseSha, 'base', limits, progress.signal);
  const baseApps = await findApps(baseRoot, config.apps);
  if (baseApps.length === 0) return;
  throw new ReviewFailure(
    'find apps',
    `The base commit ${shortSha(pull.baseSha)} has CDK apps (${baseApps.join(', ')}), but ${shortSha(pull.headSha)} has none: ` +
      'this pull request removes or hides every cdk.json. stackguard cannot review that as a change of stacks; ' +
      'if the app moved, list its folder under `apps` in .github/stackguard.yml on the default branch.',
  );
}
