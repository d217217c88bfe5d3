/**
 * One address for the load test's twenty fake repositories, as GitHub has one API: repository routes go to that
 * repository's FakeGitHub (test/e2e/fake-github.ts), archives by SHA. In actions mode it also answers the Actions
 * API the App calls (src/github/actions/): a commit's workflow runs, a run's artifacts, the artifact download (a
 * redirect to a storage URL, as GitHub answers) and a pull request's files.
 */

import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGitHub } from '../../test/e2e/fake-github.js';

type Json = Record<string, unknown>;

/** The synth workflow's runs, by head SHA; a run is listed only once `published` (its workflow has finished). */
export interface ActionsRuns {
  runs: Map<string, { repo: string; run: Json; zip: Buffer }>;
  published: Set<string>;
}

export interface Front {
  server: Server;
  host: string;
}

export async function startFront(fakes: Map<string, FakeGitHub>, bySha: Map<string, FakeGitHub>, actions?: ActionsRuns): Promise<Front> {
  const first = [...fakes.values()][0] as FakeGitHub;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (actions && answerActions(actions, req, res)) return;
    const repo = /^\/api\/v3\/repos\/[^/]+\/([^/]+)/.exec(url)?.[1];
    const sha = /\/codeload\/([0-9a-f]+)/.exec(url)?.[1];
    const target = (repo && fakes.get(repo)) || (sha && bySha.get(sha)) || first;
    const forward = request({ host: '127.0.0.1', port: portOf(target), method: req.method, path: url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Answers an Actions API request (true), or leaves it to the repository's fake (false). */
function answerActions(actions: ActionsRuns, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const byId = (id: string | undefined) => [...actions.runs.values()].find((entry) => String(entry.run.id) === id);
  let match: RegExpExecArray | null;
  if (req.method !== 'GET') return false;
  if ((match = /^\/api\/v3\/repos\/[^/]+\/([^/]+)\/actions\/runs$/.exec(url.pathname))) {
    const sha = url.searchParams.get('head_sha') ?? '';
    const entry = actions.published.has(sha) ? actions.runs.get(sha) : undefined;
    const runs = entry && entry.repo === match[1] ? [entry.run] : [];
    json(200, { total_count: runs.length, workflow_runs: runs });
    return true;
  }
  if ((match = /\/actions\/runs\/(\d+)\/artifacts$/.exec(url.pathname))) {
    const entry = byId(match[1]);
    if (!entry) return json(404, { message: 'Not Found' }), true;
    const id = entry.run.id as number;
    const artifact = { id, name: 'stackguard', size_in_bytes: entry.zip.length, expired: false, archive_download_url: `http://${url.host}${url.pathname.replace(/runs\/\d+\/artifacts$/, `artifacts/${id}/zip`)}` };
    json(200, { total_count: 1, artifacts: [artifact] });
    return true;
  }
  if ((match = /\/actions\/artifacts\/(\d+)\/zip$/.exec(url.pathname))) {
    res.writeHead(302, { location: `http://${url.host}/artifact-storage/${match[1]}.zip` }).end();
    return true;
  }
  if ((match = /^\/artifact-storage\/(\d+)\.zip$/.exec(url.pathname))) {
    const entry = byId(match[1]);
    if (!entry) return json(404, { message: 'Not Found' }), true;
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': entry.zip.length }).end(entry.zip);
    return true;
  }
  if (/\/pulls\/\d+\/files$/.test(url.pathname)) {
    // The pull requests change the CDK app, not the synth workflow.
    json(200, [{ sha: 'b'.repeat(40), filename: 'infra/lib/data-stack.ts', status: 'modified' }]);
    return true;
  }
  return false;
}

function portOf(fake: FakeGitHub): number {
  return ((fake as unknown as { server: Server }).server.address() as AddressInfo).port;
}
