/**
 * nock interceptors for the GitHub API calls the App makes, one helper per call, each recording what the App
 * sent so tests can assert (and snapshot) the outbound bodies. Every interceptor is expected exactly once
 * unless `times` says otherwise; `assertDone` fails a test that left one unused.
 */

import nock from 'nock';
import { expect } from 'vitest';
import { APP_ID } from './app.js';
import { DEFAULT_BRANCH, INSTALLATION_ID, OWNER, PR_NUMBER, REPO } from './payloads.js';

export interface RecordedCall {
  call: string;
  body?: unknown;
}

const REPO_PATH = `/repos/${OWNER}/${REPO}`;

export interface PullState {
  head: string;
  base: string;
  fork?: boolean;
  labels?: string[];
}

export class GitHubMock {
  readonly calls: RecordedCall[] = [];
  readonly api = nock('https://api.github.com');

  private record(call: string, status: number, response: unknown, headers?: Record<string, string>) {
    return (_uri: string, body: unknown): [number, unknown, Record<string, string>] => {
      this.calls.push(body === undefined || body === '' ? { call } : { call, body });
      return [status, response, headers ?? {}];
    };
  }

  token(): this {
    this.api.post(`/app/installations/${INSTALLATION_ID}/access_tokens`).reply(201, { token: 'ghs_installation_token', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    return this;
  }

  /** The App's check runs of a commit, as "list check runs for a Git reference" returns them. */
  checkRuns(sha: string, runs: Array<{ id: number; status: string; conclusion?: string | null; externalId?: string }>): this {
    const body = {
      total_count: runs.length,
      check_runs: runs.map((run) => checkRun(run.id, sha, run.status, run.conclusion ?? null, run.externalId ?? '')),
    };
    this.api
      .get(`${REPO_PATH}/commits/${sha}/check-runs`)
      .query({ check_name: 'stackguard', filter: 'latest', app_id: String(APP_ID), per_page: '100' })
      .reply(this.record(`GET check-runs of ${sha.slice(0, 7)}`, 200, body));
    return this;
  }

  createCheckRun(id: number, sha: string): this {
    this.api.post(`${REPO_PATH}/check-runs`).reply(this.record(`POST check-run (${id})`, 201, checkRun(id, sha, 'queued', null, '')));
    return this;
  }

  updateCheckRun(id: number, sha: string, times = 1): this {
    this.api
      .patch(`${REPO_PATH}/check-runs/${id}`)
      .times(times)
      .reply(this.record(`PATCH check-run ${id}`, 200, checkRun(id, sha, 'completed', 'success', '')));
    return this;
  }

  getCheckRun(id: number, sha: string, output: { title: string; summary: string; text?: string }): this {
    this.api.get(`${REPO_PATH}/check-runs/${id}`).reply(this.record(`GET check-run ${id}`, 200, { ...checkRun(id, sha, 'completed', 'action_required', ''), output }));
    return this;
  }

  /** `.github/stackguard.yml` on the default branch; null for a repository without one. */
  config(text: string | null, times = 1): this {
    this.api
      .get(new RegExp(`^${REPO_PATH}/contents/\\.github(%2F|/)stackguard\\.yml\\?ref=${DEFAULT_BRANCH}$`))
      .times(times)
      .reply(text === null ? 404 : 200, text === null ? { message: 'Not Found' } : text);
    return this;
  }

  pull(state: PullState, times = 1, number = PR_NUMBER): this {
    this.api.get(`${REPO_PATH}/pulls/${number}`).times(times).reply(200, pullResponse(number, state));
    return this;
  }

  tarball(sha: string, archive: Buffer): this {
    // GitHub answers with a redirect to codeload; the App must follow it and stream the archive.
    this.api.get(`${REPO_PATH}/tarball/${sha}`).reply(302, '', { location: `https://codeload.github.com/${OWNER}/${REPO}/legacy.tar.gz/${sha}` });
    nock('https://codeload.github.com').get(`/${OWNER}/${REPO}/legacy.tar.gz/${sha}`).reply(200, archive, { 'content-type': 'application/x-gzip' });
    return this;
  }

  /** The comments of the pull request, page by page (GitHub's Link header points to the next page). */
  comments(pages: object[][], number = PR_NUMBER): this {
    pages.forEach((page, index) => {
      const next: Record<string, string> =
        index + 1 < pages.length ? { link: `<https://api.github.com${REPO_PATH}/issues/${number}/comments?per_page=100&page=${index + 2}>; rel="next"` } : {};
      this.api
        .get(`${REPO_PATH}/issues/${number}/comments`)
        .query(index === 0 ? { per_page: '100' } : { per_page: '100', page: String(index + 1) })
        .reply(200, page, next);
    });
    return this;
  }

  createComment(id: number, number = PR_NUMBER): this {
    this.api.post(`${REPO_PATH}/issues/${number}/comments`).reply(this.record(`POST comment on #${number}`, 201, comment(id, '')));
    return this;
  }

  updateComment(id: number): this {
    this.api.patch(`${REPO_PATH}/issues/comments/${id}`).reply(this.record(`PATCH comment ${id}`, 200, comment(id, '')));
    return this;
  }

  permission(username: string, role: string): this {
    const permission = role === 'maintain' || role === 'write' || role === 'triage' ? (role === 'triage' ? 'read' : 'write') : role;
    this.api.get(`${REPO_PATH}/collaborators/${username}/permission`).reply(200, { permission, role_name: role, user: { login: username } });
    return this;
  }

  removeLabel(label: string, number = PR_NUMBER): this {
    this.api.delete(`${REPO_PATH}/issues/${number}/labels/${encodeURIComponent(label)}`).reply(this.record(`DELETE label ${label}`, 200, []));
    return this;
  }

  /** The body of the last recorded call with this label. */
  lastBody(call: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const found = this.calls.filter((c) => c.call === call).at(-1);
    if (!found) throw new Error(`no call "${call}"; calls: ${this.calls.map((c) => c.call).join(', ')}`);
    return found.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  assertDone(): void {
    expect(nock.pendingMocks()).toEqual([]);
  }
}

export function checkRun(id: number, sha: string, status: string, conclusion: string | null, externalId: string) {
  return {
    id,
    name: 'stackguard',
    head_sha: sha,
    status,
    conclusion,
    external_id: externalId,
    html_url: `https://github.com/${OWNER}/${REPO}/runs/${id}`,
    app: { id: APP_ID, slug: 'stackguard' },
    pull_requests: [],
    output: { title: null, summary: null, text: null, annotations_count: 0 },
  };
}

export function comment(id: number, body: string, type: 'Bot' | 'User' = 'Bot') {
  return {
    id,
    body,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#issuecomment-${id}`,
    user: { login: type === 'Bot' ? 'stackguard[bot]' : 'octocat', type },
  };
}

function pullResponse(number: number, state: PullState) {
  const baseRepo = { full_name: `${OWNER}/${REPO}` };
  return {
    number,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
    head: { sha: state.head, ref: 'feature', repo: state.fork ? { full_name: `mallory/${REPO}` } : baseRepo },
    base: { sha: state.base, ref: DEFAULT_BRANCH, repo: baseRepo },
    labels: (state.labels ?? []).map((name) => ({ name })),
  };
}
