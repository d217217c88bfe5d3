/**
 * Webhook payloads for the handler tests, taken from GitHub's own examples (@octokit/webhooks-examples) and
 * adjusted to the scenario: SHAs, numbers, a fork, labels, the App's check run. Every test's repository is the
 * examples' Codertocat/Hello-World, installation 1.
 */

import { createRequire } from 'node:module';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The package's entry is a JSON file; required rather than imported so no import attribute is needed. */
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Payload[] }>;

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const INSTALLATION_ID = 1;
export const DEFAULT_BRANCH = 'master';
export const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const PR_NUMBER = 2;

function example(name: string, action: string): Payload {
  const definition = examples.find((d) => d.name === name);
  const found = definition?.examples.find((e) => e.action === action && e.installation) ?? definition?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no example for ${name}.${action}`);
  return structuredClone(found) as Payload;
}

function repository(): Payload {
  return example('pull_request', 'opened').repository as Payload;
}

export interface PullOptions {
  headSha?: string;
  baseSha?: string;
  number?: number;
  fork?: boolean;
  labels?: string[];
  draft?: boolean;
  sender?: string;
  /** For `labeled`: the label just applied. */
  label?: string;
}

export function pullRequestPayload(action: string, options: PullOptions = {}): Payload {
  const payload = example('pull_request', action === 'labeled' ? 'labeled' : action);
  const pr = payload.pull_request as Payload;
  pr.number = payload.number = options.number ?? PR_NUMBER;
  pr.html_url = `https://github.com/${OWNER}/${REPO}/pull/${pr.number}`;
  pr.head.sha = options.headSha ?? HEAD_SHA;
  pr.base.sha = options.baseSha ?? BASE_SHA;
  pr.draft = options.draft ?? false;
  pr.labels = (options.labels ?? []).map((name, id) => ({ id, name, color: 'ededed', default: false, description: null }));
  if (options.fork) {
    pr.head.repo = { ...pr.head.repo, full_name: `mallory/${REPO}`, owner: { ...pr.head.repo.owner, login: 'mallory' } };
  }
  if (options.sender) payload.sender = { ...payload.sender, login: options.sender };
  if (action === 'labeled') payload.label = { id: 9, name: options.label ?? 'bug', color: 'ededed', default: false, description: null };
  payload.installation = { id: INSTALLATION_ID, node_id: 'x' };
  payload.action = action;
  return payload;
}

export interface CheckRunOptions {
  id: number;
  headSha?: string;
  externalId?: string;
  conclusion?: string | null;
  appId: number;
  sender?: string;
  identifier?: string;
  /** Pull requests GitHub lists on the run (empty for a fork's). */
  pullNumbers?: number[];
  /** The head sha GitHub lists for the pull requests (default: the check run's head_sha). */
  pullHeadSha?: string;
}

export function checkRunPayload(action: 'requested_action' | 'rerequested', options: CheckRunOptions): Payload {
  const payload = example('check_run', action);
  payload.repository = repository();
  const run = payload.check_run as Payload;
  Object.assign(run, {
    id: options.id,
    name: 'stackguard',
    head_sha: options.headSha ?? HEAD_SHA,
    status: 'completed',
    conclusion: options.conclusion ?? 'action_required',
    external_id: options.externalId ?? '',
    html_url: `https://github.com/${OWNER}/${REPO}/runs/${options.id}`,
  });
  run.app = { ...run.app, id: options.appId };
  // GitHub lists each pull request with the head it had when the check ran (pull_requests[].head.sha).
  const pullHead = options.pullHeadSha ?? options.headSha ?? HEAD_SHA;
  run.pull_requests = (options.pullNumbers ?? [PR_NUMBER]).map((number) => ({ number, url: '', id: number, head: { ref: 'feature', sha: pullHead }, base: {} }));
  if (action === 'requested_action') payload.requested_action = { identifier: options.identifier ?? 'acknowledge' };
  if (options.sender) payload.sender = { ...payload.sender, login: options.sender };
  payload.installation = { id: INSTALLATION_ID, node_id: 'x' };
  return payload;
}

export function checkSuitePayload(headSha = HEAD_SHA): Payload {
  const payload = example('check_suite', 'rerequested');
  payload.repository = repository();
  payload.check_suite.head_sha = headSha;
  payload.check_suite.pull_requests = [{ number: PR_NUMBER, url: '', id: 1, head: { ref: 'feature', sha: headSha }, base: {} }];
  payload.installation = { id: INSTALLATION_ID, node_id: 'x' };
  return payload;
}

export function issueCommentPayload(body: string, options: { user?: string; userType?: 'User' | 'Bot'; number?: number } = {}): Payload {
  const payload = example('issue_comment', 'created');
  payload.repository = repository();
  const number = options.number ?? PR_NUMBER;
  payload.issue.number = number;
  payload.issue.pull_request = { url: '', html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`, diff_url: '', patch_url: '' };
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login: options.user ?? 'maintainer-mo', type: options.userType ?? 'User' };
  payload.installation = { id: INSTALLATION_ID, node_id: 'x' };
  return payload;
}
