/**
 * A stand-in for the GitHub REST API that `stackguard evidence` reads, built on nock: a small model of one
 * repository (pull requests, files, check runs, comments, config history) served with GitHub's payload shapes
 * (taken from @octokit/webhooks-examples and adjusted) and GitHub's pagination (per_page, page, Link headers).
 */

import { createRequire } from 'node:module';
import nock from 'nock';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Payload[] }>;
const cache = new Map<string, Payload>();
/** One example payload, read once: the builders below spread it and never change it. */
const example = (name: string, action?: string): Payload => {
  const key = `${name}.${action ?? ''}`;
  if (!cache.has(key)) cache.set(key, structuredClone(examples.find((d) => d.name === name)?.examples.find((e) => action === undefined || e.action === action)) as Payload);
  return cache.get(key) as Payload;
};

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const BRANCH = 'main';
export const API = 'https://api.github.com';
const BASE = `/repos/${OWNER}/${REPO}`;

export interface FakePull {
  number: number;
  title: string;
  author: string;
  mergedBy?: string;
  /** Undefined: closed without merging. */
  mergedAt?: string;
  updatedAt?: string;
  headSha: string;
  files: string[];
  runs?: Array<{ id: number; status?: string; conclusion: string | null; externalId?: string; summary?: string; completedAt?: string; appId?: number; appSlug?: string; sha?: string }>;
  comments?: Array<{ id: number; body: string; bot?: boolean }>;
}

export interface FakeConfigCommit {
  sha: string;
  author: string;
  date: string;
  /** Undefined: the commit removed the file. */
  text?: string;
}

export class FakeGitHub {
  readonly requests: string[] = [];
  readonly scope: nock.Scope;
  repoMissing = false;
  /** The next request to this path answers with GitHub's secondary rate limit (403) or a 502, once. */
  failOnce: { path: string; status: 403 | 502 } | undefined;
  tree: string[] = ['infra/cdk.json', 'README.md'];

  constructor(
    readonly pulls: FakePull[],
    readonly configCommits: FakeConfigCommit[],
    /** The API's address: GitHub Enterprise Server serves it under /api/v3. */
    readonly api = API,
  ) {
    this.scope = nock(new URL(api).origin).persist();
    this.scope.get(/.*/).reply((uri) => this.answer(uri));
  }

  stop(): void {
    this.scope.persist(false);
    nock.cleanAll();
  }

  private answer(uri: string): [number, unknown, Record<string, string>] {
    const url = new URL(uri, this.api);
    this.requests.push(`${url.pathname}${url.search}`);
    const p = decodeURIComponent(url.pathname).slice(new URL(this.api).pathname.replace(/\/$/, '').length);
    const q = url.searchParams;
    if (this.repoMissing) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, {}];
    if (p === this.failOnce?.path) {
      const { status } = this.failOnce;
      this.failOnce = undefined;
      if (status === 502) return [502, { message: 'Server Error' }, {}];
      return [403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' }];
    }
    if (p === BASE) return [200, repository(), {}];
    if (p === `${BASE}/commits`) return this.page(url, this.commits(q));
    if (p.startsWith(`${BASE}/git/trees/`)) return [200, { sha: p.split('/').pop(), url: '', truncated: false, tree: this.tree.map((path) => ({ path, mode: '100644', type: 'blob', sha: 'b'.repeat(40), size: 10, url: '' })) }, {}];
    if (p === `${BASE}/contents/.github/stackguard.yml`) {
      const text = this.configCommits.find((c) => c.sha === q.get('ref'))?.text;
      return text === undefined ? [404, { message: 'Not Found' }, {}] : [200, text, { 'content-type': 'text/plain; charset=utf-8' }];
    }
    if (p === `${BASE}/pulls`) return this.page(url, this.listPulls());
    const pull = /\/pulls\/(\d+)(\/files)?$/.exec(p);
    if (pull) {
      const found = this.pulls.find((pr) => pr.number === Number(pull[1]));
      if (!found) return [404, { message: 'Not Found' }, {}];
      return pull[2] ? this.page(url, found.files.map(file)) : [200, pullRequest(found), {}];
    }
    const comments = /\/issues\/(\d+)\/comments$/.exec(p);
    if (comments) return this.page(url, (this.pulls.find((pr) => pr.number === Number(comments[1]))?.comments ?? []).map((c) => comment(c.id, c.body, c.bot ?? true, Number(comments[1]))));
    const runs = /\/commits\/([0-9a-f]+)\/check-runs$/.exec(p);
    if (runs) {
      const sha = runs[1] ?? '';
      const all = this.pulls.flatMap((pr) => (pr.runs ?? []).map((run) => checkRun(run, run.sha ?? pr.headSha))).filter((run) => run.head_sha === sha && run.name === q.get('check_name'));
      return this.page(url, all, (items) => ({ total_count: all.length, check_runs: items }));
    }
    return [404, { message: `the fake does not serve ${p}` }, {}];
  }

  private commits(q: URLSearchParams): Payload[] {
    const until = q.get('until');
    const wanted = this.configCommits.filter((c) => !until || c.date <= until);
    // Without a path: the branch's commits; the fake's branch holds only the config commits.
    return wanted.map(commit).reverse();
  }

  private listPulls(): Payload[] {
    const updated = (pr: FakePull) => pr.updatedAt ?? pr.mergedAt ?? '2026-01-01T00:00:00Z';
    return [...this.pulls].sort((a, b) => updated(b).localeCompare(updated(a))).map((pr) => pullRequest(pr));
  }

  /** GitHub's pagination: `per_page` (default 30) and `page`, with a Link header to the next and last pages. */
  private page(url: URL, items: unknown[], wrap: (items: unknown[]) => unknown = (i) => i): [number, unknown, Record<string, string>] {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const at = (n: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(n));
      return next.toString();
    };
    const links: Record<string, string> = page < last ? { link: `<${at(page + 1)}>; rel="next", <${at(last)}>; rel="last"` } : {};
    return [200, wrap(items.slice((page - 1) * perPage, page * perPage)), links];
  }
}

function repository(): Payload {
  const repo = example('pull_request').repository as Payload;
  return { ...repo, default_branch: BRANCH };
}

function pullRequest(pr: FakePull): Payload {
  const payload = example('pull_request', 'closed').pull_request as Payload;
  const user = (login: string) => ({ ...payload.user, login });
  return {
    ...payload,
    number: pr.number,
    title: pr.title,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${pr.number}`,
    user: user(pr.author),
    state: 'closed',
    updated_at: pr.updatedAt ?? pr.mergedAt ?? '2026-01-01T00:00:00Z',
    closed_at: pr.mergedAt ?? pr.updatedAt ?? '2026-01-01T00:00:00Z',
    merged_at: pr.mergedAt ?? null,
    merged: pr.mergedAt !== undefined,
    merged_by: pr.mergedBy ? user(pr.mergedBy) : null,
    merge_commit_sha: pr.mergedAt ? `${pr.headSha.slice(0, 30)}${'0'.repeat(10)}` : null,
    head: { ...payload.head, sha: pr.headSha },
    base: { ...payload.base, ref: BRANCH },
  };
}

function file(filename: string): Payload {
  return { sha: 'c'.repeat(40), filename, status: 'modified', additions: 1, deletions: 1, changes: 2, blob_url: '', raw_url: '', contents_url: '', patch: '@@ -1 +1 @@' };
}

function checkRun(run: NonNullable<FakePull['runs']>[number], sha: string): Payload {
  const payload = example('check_run').check_run as Payload;
  return {
    ...payload,
    id: run.id,
    name: 'stackguard',
    head_sha: sha,
    status: run.status ?? 'completed',
    conclusion: run.conclusion,
    external_id: run.externalId ?? '',
    completed_at: run.completedAt ?? null,
    html_url: `https://github.com/${OWNER}/${REPO}/runs/${run.id}`,
    app: { ...payload.app, id: run.appId ?? 2, slug: run.appSlug ?? 'stackguard' },
    output: { title: 'stackguard', summary: run.summary ?? '', text: null, annotations_count: 0, annotations_url: '' },
  };
}

function comment(id: number, body: string, bot: boolean, number: number): Payload {
  const payload = example('issue_comment').comment as Payload;
  return {
    ...payload,
    id,
    body,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}#issuecomment-${id}`,
    user: { ...payload.user, login: bot ? 'stackguard[bot]' : 'octocat', type: bot ? 'Bot' : 'User' },
  };
}

function commit(c: FakeConfigCommit): Payload {
  const payload = example('status').commit as Payload;
  return {
    ...payload,
    sha: c.sha,
    commit: { ...payload.commit, author: { name: c.author, email: `${c.author}@example.com`, date: c.date }, committer: { name: c.author, email: `${c.author}@example.com`, date: c.date } },
    author: { ...payload.author, login: c.author },
  };
}
