/**
 * `pull_request` opened, synchronize, reopened, ready_for_review and labeled. Drafts wait for ready_for_review.
 * For a pull request from a fork, the handler also keeps the approval label honest: only someone allowed to
 * acknowledge may apply it (it is removed again otherwise), and every new push removes it, so each commit of a
 * fork is approved before its code runs.
 */

import type { Context } from 'probot';
import { canAcknowledge } from '../../config/index.js';
import { loadRepositoryConfig } from '../config-source.js';
import type { Octokit, RepoRef } from '../github-types.js';
import { lookUpAcknowledger } from '../permissions.js';
import { replyOnPullRequest } from '../publish/comments.js';
import { pullInfo } from '../review/target.js';
import { eventLogger, type HandlerServices } from './services.js';

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
  'pull_request.labeled',
] as const;

type PullRequestContext = Context<(typeof PULL_REQUEST_EVENTS)[number]>;

export function onPullRequest(services: HandlerServices) {
  return async (context: PullRequestContext): Promise<void> => {
    const { payload } = context;
    const repo: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
    const pull = pullInfo(payload.pull_request);
    const log = eventLogger(context, repo, pull.number, pull.headSha);
    if (payload.pull_request.draft) return log.info('draft pull request: waiting for ready_for_review');
    const octokit = context.octokit as unknown as Octokit;

    let fresh = false;
    if (pull.fromFork && (payload.action === 'labeled' || payload.action === 'synchronize')) {
      const config = await loadRepositoryConfig(octokit, repo, payload.repository.default_branch);
      const label = config.synth.forkLabel;
      if (payload.action === 'synchronize' && pull.labels.includes(label)) {
        // A new push is new code: the approval was for the commit the maintainer read.
        await removeLabel(octokit, repo, pull.number, label);
        log.info({ label }, 'fork pushed new commits: approval label removed');
      }
      if (payload.action === 'labeled') {
        if (!('label' in payload) || payload.label?.name !== label || !config.synth.allowForks) return;
        const sender = payload.sender.login;
        const { acknowledger, notes } = await lookUpAcknowledger(octokit, repo, sender, config.acknowledge.teams);
        const decision = canAcknowledge(config, acknowledger);
        if (!decision.allowed) {
          await removeLabel(octokit, repo, pull.number, label);
          const extra = notes.length > 0 ? ` (${notes.join('; ')})` : '';
          await replyOnPullRequest(octokit, repo, pull.number, `@${sender}, the label \`${label}\` lets this fork's code run on the stackguard App, so only people who may acknowledge can apply it. It was removed: ${decision.reason}${extra}.`);
          return log.info({ sender }, 'fork approval label removed: sender may not approve');
        }
        log.info({ sender, reason: decision.reason }, 'fork approved for synthesis');
        fresh = true;
      }
    } else if (payload.action === 'labeled') {
      return;
    }

    await services.scheduler.schedule(
      octokit,
      {
        target: { deliveryId: context.id, installationId: installationId(payload), repo, defaultBranch: payload.repository.default_branch, pullNumber: pull.number, headSha: pull.headSha },
        fresh,
        pullHtmlUrl: pull.htmlUrl,
      },
      log,
    );
  };
}

async function removeLabel(octokit: Octokit, repo: RepoRef, pullNumber: number, label: string): Promise<void> {
  try {
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: pullNumber, name: label });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}

export function installationId(payload: { installation?: { id: number } | null }): number {
  const id = payload.installation?.id;
  if (id === undefined) throw new Error('The webhook has no installation: stackguard runs as an installed GitHub App.');
  return id;
}
