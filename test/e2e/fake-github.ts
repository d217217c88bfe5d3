/**
 * A small stand-in for the GitHub API, on 127.0.0.1 (node:http), for the end-to-end tests: it hands out
 * installation tokens, serves the config and tarballs at given SHAs, keeps check runs and comments the way
 * GitHub does (found again by SHA, annotations appended), and records every request the App makes.
 * The App talks to it as it would to GitHub Enterprise Server: base URL http://127.0.0.1:<port>/api/v3.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  authorization?: string;
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface FakeRepo {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** `.github/stackguard.yml` on the default branch; undefined for none. */
  config?: string;
  tarballs: Record<string, Buffer>;
  pulls: Record<number, { head: string; base: string; baseRef: string }>;
  /** Repository roles by user login. */
  roles?: Record<string, string>;
  /** Issue events of a pull request (`labeled`, `unlabeled`), by number. */
  events?: Record<number, Json[]>;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  readonly checkRuns: Json[] = [];
  readonly comments: Json[] = [];
  readonly token = 'ghs_fake_installation_token_0123456789';
  /** Awaited before each request is answered: a test holds a request (the App mid-download) by returning a promise. */
  beforeAnswer: (method: string, path: string) => Promise<void> | void = () => undefined;
  private server: Server | undefined;
  private nextId = 1000;

  constructor(
    private readonly repo: FakeRepo,
    private readonly appId: number,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const body = text ? (JSON.parse(text) as Json) : undefined;
    this.requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const data = Buffer.isBuffer(payload) ? payload : typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(JSON.stringify(payload));
      res.writeHead(status, { 'content-type': Buffer.isBuffer(payload) ? 'application/x-gzip' : typeof payload === 'string' ? 'text/plain' : 'application/json', ...headers });
      res.end(data);
    };
    await this.beforeAnswer(req.method ?? 'GET', url.pathname);
    try {
      this.route(req.method ?? 'GET', url, body, send);
    } catch (error) {
      send(500, { message: String(error) });
    }
  }

  private route(method: string, url: URL, body: Json | undefined, send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    const { owner, repo } = this.repo;
    const path = url.pathname.replace(/^\/api\/v3/, '');
    const repoPrefix = `/repos/${owner}/${repo}`;
    let match: RegExpExecArray | null;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return send(201, { token: this.token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {} });
    }
    if (method === 'GET' && path === '/app') return send(200, { id: this.appId, slug: 'stackguard', name: 'stackguard' });
    if ((match = /^\/codeload\/([0-9a-f]+)$/.exec(path))) {
      const archive = this.repo.tarballs[match[1] ?? ''];
      return archive ? send(200, archive) : send(404, { message: 'Not Found' });
    }
    if (!path.startsWith(repoPrefix)) return send(404, { message: 'Not Found' });
    const rest = decodeURIComponent(path.slice(repoPrefix.length));
    if (method === 'GET' && (match = /^\/commits\/([0-9a-f]+)\/check-runs$/.exec(rest))) {
      const runs = this.checkRuns.filter((run) => run.head_sha === match?.[1] && run.name === url.searchParams.get('check_name')).reverse();
      return send(200, { total_count: runs.length, check_runs: runs.slice(0, 1) });
    }
    if (method === 'POST' && rest === '/check-runs') {
      const run = { ...body, id: this.nextId++, app: { id: this.appId }, conclusion: null, external_id: body?.external_id ?? '', pull_requests: [], html_url: `http://fake/runs/x`, output: { ...body?.output, annotations: [] } };
      run.html_url = `http://fake/${owner}/${repo}/runs/${run.id}`;
      this.checkRuns.push(run);
      return send(201, run);
    }
    if ((match = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.find((r) => r.id === Number(match?.[1]));
      if (!run) return send(404, { message: 'Not Found' });
      if (method === 'PATCH' && body) {
        const annotations = [...run.output.annotations, ...(body.output?.annotations ?? [])];
        Object.assign(run, body, { output: { ...run.output, ...body.output, annotations } });
        if (body.conclusion) run.status = 'completed';
      }
      return send(200, run);
    }
    if (method === 'GET' && rest === '/contents/.github/stackguard.yml') {
      return this.repo.config === undefined ? send(404, { message: 'Not Found' }) : send(200, this.repo.config);
    }
    if (method === 'GET' && (match = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pull = this.repo.pulls[Number(match[1])];
      if (!pull) return send(404, { message: 'Not Found' });
      const full = { full_name: `${owner}/${repo}` };
      return send(200, { number: Number(match[1]), html_url: `http://fake/${owner}/${repo}/pull/${match[1]}`, head: { sha: pull.head, repo: full }, base: { sha: pull.base, ref: pull.baseRef, repo: full }, labels: [] });
    }
    if (method === 'GET' && (match = /^\/tarball\/([0-9a-f]+)$/.exec(rest))) {
      // As GitHub does: a redirect to the archive host.
      return send(302, '', { location: `http://${url.host}/api/v3/codeload/${match[1]}` });
    }
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      if (method === 'GET') return send(200, this.comments.filter((c) => c.issue === Number(match?.[1])));
      const created = { id: this.nextId++, issue: Number(match[1]), body: body?.body, user: { login: 'stackguard[bot]', type: 'Bot' }, html_url: '' };
      created.html_url = `http://fake/${owner}/${repo}/pull/${match[1]}#issuecomment-${created.id}`;
      this.comments.push(created);
      return send(201, created);
    }
    if (method === 'PATCH' && (match = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const existing = this.comments.find((c) => c.id === Number(match?.[1]));
      if (!existing) return send(404, { message: 'Not Found' });
      existing.body = body?.body;
      return send(200, existing);
    }
    if (method === 'GET' && (match = /^\/issues\/(\d+)\/events$/.exec(rest))) {
      return send(200, this.repo.events?.[Number(match[1])] ?? []);
    }
    if (method === 'DELETE' && /^\/issues\/\d+\/labels\/[^/]+$/.test(rest)) return send(200, []);
    if (method === 'GET' && (match = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const role = this.repo.roles?.[match[1] ?? ''] ?? 'read';
      return send(200, { permission: role === 'maintain' ? 'write' : role, role_name: role });
    }
    return send(404, { message: `fake GitHub has no route for ${method} ${path}` });
  }
}
