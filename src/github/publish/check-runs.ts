/**
 * The `stackguard` check run of a commit. GitHub is the store: the run for a SHA is found again by name, head SHA
 * and the App's id, so a redelivered webhook or a restart does not create a second one.
 */

import { randomUUID } from 'node:crypto';
import type { Octokit, RepoRef } from '../github-types.js';
import { NO_BLIND_RETRY } from '../octokit.js';
import { inPages } from './annotations.js';
import { clampTitle, type CheckResult } from './check-output.js';
import { createOnce } from './create-once.js';

export const CHECK_NAME = 'stackguard';
const SUMMARY_LIMIT = 65_535;

export interface CheckRunInfo {
  id: number;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed' | string;
  conclusion: string | null;
  /** The fingerprint of the blocking changes the run concluded on ('' when none). */
  externalId: string;
  htmlUrl: string | null;
}

export async function findCheckRun(octokit: Octokit, ref: RepoRef, sha: string, appId: number): Promise<CheckRunInfo | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...ref, ref: sha, check_name: CHECK_NAME, filter: 'latest', app_id: appId, per_page: 100 });
  const run = data.check_runs.find((candidate) => candidate.app?.id === appId && candidate.head_sha === sha);
  return run ? info(run) : undefined;
}

/**
 * A new queued run. Its `external_id` is a token of this one create (until the run is concluded and it becomes
 * the fingerprint), so after an error the run can be told apart from older runs of the same commit.
 */
export async function createCheckRun(octokit: Octokit, ref: RepoRef, sha: string, detailsUrl: string | undefined): Promise<CheckRunInfo> {
  const token = `created:${randomUUID()}`;
  const create = async () => {
    const { data } = await octokit.rest.checks.create({
      ...ref,
      name: CHECK_NAME,
      head_sha: sha,
      status: 'queued',
      external_id: token,
      ...(detailsUrl ? { details_url: detailsUrl } : {}),
      output: { title: 'Queued', summary: 'stackguard will review this commit shortly.' },
      ...NO_BLIND_RETRY,
    });
    return info(data);
  };
  return createOnce(octokit, `the check run of ${sha.slice(0, 7)}`, create, () => findCreatedCheckRun(octokit, ref, sha, token));
}

async function findCreatedCheckRun(octokit: Octokit, ref: RepoRef, sha: string, token: string): Promise<CheckRunInfo | undefined> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, { ...ref, ref: sha, check_name: CHECK_NAME, filter: 'all', per_page: 100 });
  const run = runs.find((candidate) => candidate.external_id === token && candidate.head_sha === sha);
  return run ? info(run) : undefined;
}

export async function startCheckRun(octokit: Octokit, ref: RepoRef, id: number, now: Date): Promise<void> {
  await octokit.rest.checks.update({
    ...ref,
    check_run_id: id,
    status: 'in_progress',
    started_at: now.toISOString(),
    output: { title: 'Reviewing', summary: 'Downloading, synthesizing and comparing the CDK apps of this commit.' },
  });
}

/** Actions mode before the synth workflow finished: back to queued, saying what the check waits for. */
export async function waitCheckRun(octokit: Octokit, ref: RepoRef, id: number, output: { title: string; summary: string }): Promise<void> {
  await octokit.rest.checks.update({ ...ref, check_run_id: id, status: 'queued', output: { title: output.title, summary: output.summary } });
}

export async function completeCheckRun(
  octokit: Octokit,
  ref: RepoRef,
  id: number,
  result: CheckResult,
  options: { now: Date; detailsUrl?: string },
): Promise<void> {
  const [first = [], ...rest] = inPages(result.annotations);
  const output = { title: clampTitle(result.title), summary: clamp(result.summary) };
  await octokit.rest.checks.update({
    ...ref,
    check_run_id: id,
    status: 'completed',
    conclusion: result.conclusion,
    completed_at: options.now.toISOString(),
    external_id: result.fingerprint ?? '',
    actions: result.actions,
    ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
    output: { ...output, ...(result.text !== undefined ? { text: result.text } : {}), annotations: first },
  });
  // Annotations beyond the first 50 are added by further updates; GitHub appends them.
  for (const page of rest) {
    await octokit.rest.checks.update({ ...ref, check_run_id: id, output: { ...output, annotations: page } });
  }
}

function clamp(text: string): string {
  return text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT - 1)}…`;
}

interface CheckRunData {
  id: number;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  html_url: string | null;
}

function info(run: CheckRunData): CheckRunInfo {
  return { id: run.id, headSha: run.head_sha, status: run.status, conclusion: run.conclusion, externalId: run.external_id ?? '', htmlUrl: run.html_url };
}
