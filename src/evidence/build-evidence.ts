/**
 * Builds the evidence report of one repository for one period: the default branch, the config's history (app
 * folders, accepted-risk register), then every pull request merged into the default branch in the period, read
 * one after another (GitHub asks integrations not to fire requests in parallel; the client waits out rate limits).
 */

import { StackguardInputError } from '../errors.js';
import type { Octokit, RepoRef } from '../github/github-types.js';
import { appFolders } from './app-folders.js';
import { assessPull } from './assess-pull.js';
import { readConfigHistory } from './config-history.js';
import { EVIDENCE_STEP } from './github-client.js';
import { listMergedPulls, readPullFacts, type Period } from './read-pulls.js';
import { buildRegister } from './register.js';
import type { EvidenceReport, PullRequestEvidence } from './schema.js';

export interface EvidenceRequest {
  repo: RepoRef;
  period: Period;
  apiUrl: string;
  stateKey: string | undefined;
  appId: number | undefined;
  now: Date;
  version: string;
  /** Called before each pull request is read (the CLI shows it on a terminal). */
  progress?: (done: number, total: number) => void;
}

export async function buildEvidence(octokit: Octokit, request: EvidenceRequest): Promise<EvidenceReport> {
  const { repo, period } = request;
  const branch = await defaultBranch(octokit, repo);
  const history = await readConfigHistory(octokit, repo, branch, period.until);
  const configured = history.at(-1)?.apps;
  const folders = await appFolders(octokit, repo, branch, period.until, configured);
  const merged = await listMergedPulls(octokit, repo, branch, period);

  const assessed: PullRequestEvidence[] = [];
  for (const [index, pull] of merged.entries()) {
    request.progress?.(index, merged.length);
    const facts = await readPullFacts(octokit, repo, pull);
    assessed.push(assessPull(facts, { folders: folders.folders, stateKey: request.stateKey, appId: request.appId }));
  }
  request.progress?.(merged.length, merged.length);

  const notes = [
    ...(merged.length === 0 ? [`No pull request was merged into ${branch} in the period.`] : []),
    ...(request.stateKey === undefined ? ['No key was given (STACKGUARD_STATE_KEY): no signature could be checked, so no acknowledgement counts as verified.'] : []),
    ...(request.appId === undefined ? ['No App id was given (--app-id or APP_ID): a check run named stackguard from any App or workflow was read; those with a verified evidence record were preferred.'] : []),
    ...(folders.note ? [folders.note] : []),
    ...history.filter((version) => version.problem).map((version) => `Config at ${version.commit.slice(0, 7)}: ${version.problem}.`),
  ];
  const byMerge = (a: PullRequestEvidence, b: PullRequestEvidence) => a.mergedAt.localeCompare(b.mergedAt) || a.number - b.number;
  const pullRequests = [...assessed.filter((p) => p.outcome === 'exception').sort(byMerge), ...assessed.filter((p) => p.outcome !== 'exception').sort(byMerge)];
  return {
    schemaVersion: 1,
    repository: `${repo.owner}/${repo.repo}`,
    defaultBranch: branch,
    period: { since: period.since.toISOString(), until: period.until.toISOString() },
    generatedAt: request.now.toISOString(),
    generator: { name: 'stackguard', version: request.version },
    source: { apiUrl: request.apiUrl, checkAppId: request.appId ?? null, keyGiven: request.stateKey !== undefined, appFolders: folders.folders, appFoldersFrom: folders.from },
    totals: {
      merged: assessed.length,
      changedApp: assessed.filter((p) => p.changedApp).length,
      passed: assessed.filter((p) => p.outcome === 'passed').length,
      acknowledged: assessed.filter((p) => p.outcome === 'acknowledged').length,
      exceptions: assessed.filter((p) => p.outcome === 'exception').length,
    },
    pullRequests,
    register: buildRegister(history, period.since, period.until),
    notes,
  };
}

async function defaultBranch(octokit: Octokit, repo: RepoRef): Promise<string> {
  try {
    const { data } = await octokit.rest.repos.get({ ...repo });
    return data.default_branch;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404) {
      throw new StackguardInputError(`repository ${repo.owner}/${repo.repo} not found (or the credentials cannot see it)`, EVIDENCE_STEP);
    }
    if (status === 401) throw new StackguardInputError('GitHub refused the credentials (401 Bad credentials)', EVIDENCE_STEP);
    throw error;
  }
}
