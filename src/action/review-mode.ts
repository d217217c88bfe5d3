/**
 * `mode: review`: the whole review in the workflow's runner, for teams that host no App. The head is the checkout,
 * the baseline the base commit in a `git worktree` (or the deployed stacks, with `baseline: deployed` and AWS
 * credentials the workflow configured); both are installed and synthesized in the same sandbox as the App's. The
 * comment and the check run are written with the workflow's token by the App's own publish code; the job summary
 * gets the review; the step fails when something blocks and no acknowledgement label covers it.
 */

import { appendFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Octokit as RestOctokit } from '@octokit/rest';
import { awsAccessConfigured } from '../aws/index.js';
import type { StackguardConfig } from '../config/index.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { StackguardInputError } from '../errors.js';
import { awsSource } from '../github/baseline/aws-source.js';
import { emptySide } from '../github/baseline/provider.js';
import { loadRepositoryConfig } from '../github/config-source.js';
import { blockingFingerprint } from '../github/fingerprint.js';
import type { Octokit, RepoRef } from '../github/github-types.js';
import { LockfileInstaller } from '../github/install/installer.js';
import { KeyedLock } from '../github/keyed-lock.js';
import { mergeAppReports } from '../github/merge-reports.js';
import { shortSha, type ReviewOutcome } from '../github/outcome.js';
import { createCheckRun, startCheckRun } from '../github/publish/check-runs.js';
import { publishOutcome } from '../github/publish/publish.js';
import { ReviewFailure, ReviewProgress } from '../github/review/progress.js';
import { synthesizeTree } from '../github/review/synthesize-tree.js';
import { pullInfo, type PullInfo } from '../github/review/target.js';
import { findApps } from '../github/workspace/find-apps.js';
import { reviewSides } from '../pipeline/review-sides.js';
import type { LoadedSide } from '../sources/load-side.js';
import { checkOutBase } from './base-worktree.js';
import type { ActionInputs } from './inputs.js';
import { acknowledgeByLabel } from './label-acknowledgement.js';
import type { ActionIO } from './main.js';

export async function reviewMode(inputs: ActionInputs, io: ActionIO, env: NodeJS.ProcessEnv): Promise<number> {
  if (!inputs.token) throw new StackguardInputError('mode: review needs the input `token` (the default, github.token, is enough with `checks: write` and `pull-requests: write`).', 'action inputs');
  if (!inputs.eventPath || !inputs.repository?.includes('/')) throw new StackguardInputError('GITHUB_EVENT_PATH and GITHUB_REPOSITORY must be set: this runs inside a GitHub Actions job.', 'action inputs');
  const event = JSON.parse(await readFile(inputs.eventPath, 'utf8')) as { pull_request?: Parameters<typeof pullInfo>[0]; repository: { default_branch: string } };
  if (!event.pull_request) throw new StackguardInputError(`mode: review runs on pull_request events, not ${inputs.eventName ?? 'this event'}.`, 'action inputs');
  const [owner, name] = inputs.repository.split('/') as [string, string];
  const repo: RepoRef = { owner, repo: name };
  const pull = pullInfo(event.pull_request);
  const octokit = new RestOctokit({ auth: inputs.token, baseUrl: inputs.apiUrl, userAgent: 'stackguard-action' }) as unknown as Octokit;
  const now = () => new Date();

  const check = await createCheckRun(octokit, repo, pull.headSha, undefined);
  await startCheckRun(octokit, repo, check.id, now());
  let config: StackguardConfig | undefined;
  let outcome: ReviewOutcome;
  try {
    config = await loadRepositoryConfig(octokit, repo, event.repository.default_branch);
    outcome = await review(inputs, pull, config, env);
  } catch (error) {
    const failure = new ReviewProgress(new AbortController().signal).failure(error) as ReviewFailure;
    outcome = { kind: 'failed', step: failure.step, message: failure.message, ...(failure.details ? { details: failure.details } : {}) };
  }
  const stateKey = env.INPUT_STATE_KEY || `stackguard-action:${inputs.repository}`;
  const target = { deliveryId: env.GITHUB_RUN_ID ?? 'action', installationId: 0, repo, defaultBranch: event.repository.default_branch, pullNumber: pull.number, headSha: pull.headSha };
  const log = { info: () => undefined, warn: (details: object, message: string) => io.stderr(`stackguard: ${message} ${JSON.stringify(details)}\n`) };
  const result = await publishOutcome(
    { octokit, target, checkRunId: check.id, outcome, config },
    { stateKey, now, lock: new KeyedLock(), log, htmlBase: `${inputs.serverUrl}/${inputs.repository}` },
  );
  let conclusion = result.conclusion;
  if (conclusion === 'action_required' && result.fingerprint && config) {
    const acknowledged = await acknowledgeByLabel(octokit, {
      repo,
      defaultBranch: event.repository.default_branch,
      pullNumber: pull.number,
      label: inputs.label,
      checkRun: { ...check, status: 'completed', conclusion, externalId: result.fingerprint },
      stateKey,
      now: now(),
    });
    if (acknowledged === 'recorded' || acknowledged === 'already-recorded') conclusion = 'success';
  }
  await writeSummary(inputs, outcome, conclusion);
  io.stderr(`stackguard: ${result.title} (${conclusion})\n`);
  return conclusion === 'success' || conclusion === 'neutral' ? 0 : outcome.kind === 'failed' ? 2 : 1;
}

async function review(inputs: ActionInputs, pull: PullInfo, config: StackguardConfig, env: NodeJS.ProcessEnv): Promise<ReviewOutcome> {
  const progress = new ReviewProgress(new AbortController().signal);
  progress.enter('find apps');
  const apps = inputs.appDirs.length > 0 ? await findApps(inputs.workspace, inputs.appDirs) : await findApps(inputs.workspace, config.apps);
  if (apps.length === 0) return { kind: 'no-apps', message: `No cdk.json was found at ${shortSha(pull.headSha)}: there is nothing to review.` };
  const installer = new LockfileInstaller({ cacheDir: path.join(inputs.temp, 'stackguard-cache') });
  const timeoutMs = config.synth.timeout * 1000;
  const head = await synthesizeTree({ root: inputs.workspace, apps, describe: () => `head ${shortSha(pull.headSha)}` }, installer, timeoutMs, progress);
  const deployed = config.baseline !== 'base-branch' && awsAccessConfigured(config, env);
  let base: Map<string, LoadedSide>;
  if (deployed) {
    progress.enter('read deployed stacks');
    base = await awsSource(env).provider(config).sides(apps, Promise.resolve(head));
  } else {
    progress.enter('base checkout');
    const worktree = await checkOutBase(inputs.workspace, pull.baseSha, inputs.temp);
    try {
      // An app the pull request adds has no base side: every stack of it is new.
      const atBase = new Set(await findApps(worktree.root, undefined));
      const baseApps = apps.filter((app) => atBase.has(app));
      base = await synthesizeTree({ root: worktree.root, apps: baseApps, describe: () => `base branch ${pull.baseRef} at ${shortSha(pull.baseSha)}` }, installer, timeoutMs, progress);
    } finally {
      await worktree.remove();
    }
  }
  const reports = [];
  for (const folder of apps) {
    const headSide = head.get(folder)!;
    const baseSide = base.get(folder) ?? emptySide(`no app in ${folder} at the baseline`);
    progress.enter('read Security Hub findings');
    // As the App: findings only with the deployed baseline, read with the credentials the workflow configured.
    const findings = deployed && config.aws.securityHub ? await awsSource(env).findings(headSide, config, baseSide) : undefined;
    progress.enter('review');
    const baseline = { kind: deployed ? ('deployed' as const) : ('base-branch' as const), description: baseSide.description };
    reports.push({ folder, report: reviewSides({ base: baseSide, head: headSide, config, baseline, today: new Date(), findings }) });
  }
  const report = mergeAppReports(reports);
  return { kind: 'reviewed', report, fingerprint: blockingFingerprint(report), notes: [] };
}

async function writeSummary(inputs: ActionInputs, outcome: ReviewOutcome, conclusion: string): Promise<void> {
  if (!inputs.summaryFile) return;
  const body =
    outcome.kind === 'reviewed'
      ? renderMarkdown(outcome.report)
      : outcome.kind === 'failed'
        ? `**stackguard could not review this commit** (step: ${outcome.step}).\n\n${outcome.message}\n`
        : `${'message' in outcome ? outcome.message : outcome.kind}\n`;
  await appendFile(inputs.summaryFile, `${body}\n**Check:** ${conclusion}\n`);
}
