/**
 * A stateful GitHub stand-in (nock) that keeps the comments and check runs the App creates, and fails the first
 * calls of a kind as the test plans: a 502 that did not land, a 502 answered after the write landed, a secondary
 * rate limit (403 or 429 with `retry-after`). Tests then assert on what GitHub ends up holding, which is what a
 * user sees: one comment, one check run.
 */

import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { githubTarball, removeTempDirs, type Tree } from './files.js';
import { checkRun, comment } from './github-mock.js';
import { INSTALLATION_ID, OWNER, REPO } from './payloads.js';

export type CallKind = 'POST check-run' | 'PATCH check-run' | 'POST comment' | 'PATCH comment' | 'GET pull' | 'GET comments';

export type Fault =
  | { status: 500 | 502 | 503 | 504; landed?: boolean }
  | { status: 403 | 429; secondaryRateLimit: true; retryAfter: number };

interface StoredRun {
  id: number;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string;
  output?: { title?: string; summary?: string };
}

interface PullState {
  head: string;
  base: string;
  state: 'open' | 'closed';
}

const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export class FlakyGitHub {
  readonly runs: StoredRun[] = [];
  readonly comments = new Map<number, Array<{ id: number; body: string }>>();
  readonly pulls = new Map<number, PullState>();
  /** Every call the App made, in order, with the status it got. */
  readonly calls: Array<{ kind: CallKind; status: number }> = [];
  private readonly faults = new Map<CallKind, Fault[]>();
  private readonly triggers: Array<{ kind: CallKind; times: number; action: () => void }> = [];
  private nextId = 500;
  private readonly api = nock('https://api.github.com').persist();

  constructor() {
    this.api.post(`/app/installations/${INSTALLATION_ID}/access_tokens`).reply(201, { token: 'ghs_t', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    this.api.get(new RegExp(`^${REPO_PATH}/contents/`)).reply(404, { message: 'Not Found' });
    this.api.get(new RegExp(`^${REPO_PATH}/commits/([0-9a-f]{40})/check-runs`)).reply((uri) => {
      const sha = /commits\/([0-9a-f]{40})/.exec(uri)?.[1];
      const found = this.runs.filter((run) => run.head_sha === sha).map((run) => this.runBody(run));
      return [200, { total_count: found.length, check_runs: found }];
    });
    this.api.post(`${REPO_PATH}/check-runs`).reply((_uri, body) =>
      this.answer('POST check-run', () => {
        const request = body as { head_sha: string; status: string; external_id?: string; output?: StoredRun['output'] };
        const run = { id: this.nextId++, head_sha: request.head_sha, status: request.status, conclusion: null, external_id: request.external_id ?? '', output: request.output };
        this.runs.push(run);
        return [201, this.runBody(run)];
      }),
    );
    this.api.patch(/\/check-runs\/\d+$/).reply((uri, body) =>
      this.answer('PATCH check-run', () => {
        const run = this.runs.find((candidate) => uri.endsWith(`/check-runs/${candidate.id}`));
        if (!run) return [404, { message: 'Not Found' }];
        Object.assign(run, body);
        return [200, this.runBody(run)];
      }),
    );
    this.api.get(/\/pulls\/\d+$/).reply((uri) =>
      this.answer('GET pull', () => {
        const number = Number(uri.split('/').at(-1));
        const pull = this.pulls.get(number);
        if (!pull) return [404, { message: 'Not Found' }];
        const repo = { full_name: `${OWNER}/${REPO}` };
        return [200, { number, state: pull.state, html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`, head: { sha: pull.head, ref: 'f', repo }, base: { sha: pull.base, ref: 'master', repo }, labels: [] }];
      }),
    );
    this.api.get(/\/issues\/\d+\/comments/).reply((uri) =>
      this.answer('GET comments', () => [200, (this.comments.get(issueNumber(uri)) ?? []).map((c) => comment(c.id, c.body))]),
    );
    this.api.post(/\/issues\/\d+\/comments$/).reply((uri, body) =>
      this.answer('POST comment', () => {
        const created = { id: this.nextId++, body: (body as { body: string }).body };
        this.comments.set(issueNumber(uri), [...(this.comments.get(issueNumber(uri)) ?? []), created]);
        return [201, comment(created.id, created.body)];
      }),
    );
    this.api.patch(/\/issues\/comments\/\d+$/).reply((uri, body) =>
      this.answer('PATCH comment', () => {
        const id = Number(uri.split('/').at(-1));
        const found = [...this.comments.values()].flat().find((c) => c.id === id);
        if (!found) return [404, { message: 'Not Found' }];
        found.body = (body as { body: string }).body;
        return [200, comment(id, found.body)];
      }),
    );
  }

  /** A pull request at `head`, with its base and head trees served as tarballs. */
  async pull(number: number, state: PullState, trees: { head: Tree; base?: Tree }): Promise<this> {
    this.pulls.set(number, state);
    await this.tarball(state.head, trees.head);
    if (trees.base) await this.tarball(state.base, trees.base);
    return this;
  }

  /** The next calls of `kind` get these faults, one each, in order. */
  fail(kind: CallKind, ...faults: Fault[]): this {
    this.faults.set(kind, [...(this.faults.get(kind) ?? []), ...faults]);
    return this;
  }

  /** Runs `action` once the App has made `times` calls of `kind` (a pull request closed mid-review). */
  after(kind: CallKind, times: number, action: () => void): this {
    this.triggers.push({ kind, times, action });
    return this;
  }

  count(kind: CallKind, status?: number): number {
    return this.calls.filter((call) => call.kind === kind && (status === undefined || call.status === status)).length;
  }

  close(): void {
    this.api.persist(false);
    nock.cleanAll();
  }

  private answer(kind: CallKind, handle: () => [number, unknown]): [number, unknown, Record<string, string>] {
    const answer = this.faultOr(kind, handle);
    this.triggers.filter((trigger) => trigger.kind === kind && trigger.times === this.count(kind)).forEach((trigger) => trigger.action());
    return answer;
  }

  private faultOr(kind: CallKind, handle: () => [number, unknown]): [number, unknown, Record<string, string>] {
    const fault = this.faults.get(kind)?.shift();
    if (fault && 'secondaryRateLimit' in fault) {
      this.calls.push({ kind, status: fault.status });
      return [fault.status, { message: SECONDARY }, { 'retry-after': String(fault.retryAfter) }];
    }
    if (fault) {
      // A write that landed before the gateway failed: GitHub did it, the App only sees the error.
      if (fault.landed) handle();
      this.calls.push({ kind, status: fault.status });
      return [fault.status, { message: 'Server Error' }, {}];
    }
    const [status, body] = handle();
    this.calls.push({ kind, status });
    return [status, body, {}];
  }

  private async tarball(sha: string, tree: Tree): Promise<void> {
    const archive = await githubTarball(tree);
    this.api.get(`${REPO_PATH}/tarball/${sha}`).reply(302, '', { location: `https://codeload.github.com/${OWNER}/${REPO}/legacy.tar.gz/${sha}` });
    nock('https://codeload.github.com').persist().get(`/${OWNER}/${REPO}/legacy.tar.gz/${sha}`).reply(200, archive, { 'content-type': 'application/x-gzip' });
  }

  private runBody(run: StoredRun) {
    return { ...checkRun(run.id, run.head_sha, run.status, run.conclusion, run.external_id), output: { ...run.output, annotations_count: 0 } };
  }
}

/** A fresh stand-in for each test (handed to `use`), with the network closed and temp folders removed after. */
export function useFlakyGitHub(use: (github: FlakyGitHub) => void): void {
  let current: FlakyGitHub | undefined;
  beforeEach(() => {
    nock.disableNetConnect();
    current = new FlakyGitHub();
    use(current);
  });
  afterEach(async () => {
    current?.close();
    nock.enableNetConnect();
    await removeTempDirs();
  });
}

function issueNumber(uri: string): number {
  return Number(/\/issues\/(\d+)\//.exec(uri)?.[1]);
}
