/**
 * Actions mode in the handler tests: `workflow_run` payloads from GitHub's examples, artifacts made the way the
 * workflow makes them (`stackguard synth` of the shop app, zipped), and nock interceptors for the Actions API.
 */

import { createRequire } from 'node:module';
import nock from 'nock';
import yazl from 'yazl';
import { listFiles } from '../../../src/sources/synth-output.js';
import { synthShop } from '../../cli/synth-helpers.js';
import type { GitHubMock } from './github-mock.js';
import { DEFAULT_BRANCH, HEAD_SHA, INSTALLATION_ID, OWNER, PR_NUMBER, REPO } from './payloads.js';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Payload[] }>;
const REPO_PATH = `/repos/${OWNER}/${REPO}`;
export const WORKFLOW = '.github/workflows/stackguard.yml';
export const ACTIONS_CONFIG = 'synth:\n  mode: actions\n';

export interface RunOptions {
  id?: number;
  headSha?: string;
  conclusion?: string;
  fork?: boolean;
  event?: string;
  path?: string;
}

/** A workflow run as the API and the webhook show it. */
export function workflowRun(options: RunOptions = {}): Payload {
  const run = structuredClone(examples.find((e) => e.name === 'workflow_run')!.examples.find((e) => e.workflow_run.path)!.workflow_run) as Payload;
  const headSha = options.headSha ?? HEAD_SHA;
  Object.assign(run, {
    id: options.id ?? 7001,
    head_sha: headSha,
    path: options.path ?? WORKFLOW,
    event: options.event ?? 'pull_request',
    status: 'completed',
    conclusion: options.conclusion ?? 'success',
    head_branch: options.fork ? 'feature' : options.event === 'push' ? DEFAULT_BRANCH : 'feature',
    html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${options.id ?? 7001}`,
    head_repository: { ...run.head_repository, full_name: options.fork ? `mallory/${REPO}` : `${OWNER}/${REPO}` },
    pull_requests:
      options.fork || options.event === 'push'
        ? []
        : [{ number: PR_NUMBER, id: 1, url: '', head: { sha: headSha, ref: 'feature', repo: {} }, base: { sha: '', ref: DEFAULT_BRANCH, repo: {} } }],
  });
  return run;
}

export function workflowRunPayload(options: RunOptions = {}): Payload {
  const payload = structuredClone(examples.find((e) => e.name === 'workflow_run')!.examples.find((e) => e.workflow_run.path)!) as Payload;
  const pullExample = examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!;
  payload.action = 'completed';
  payload.repository = structuredClone(pullExample.repository);
  payload.workflow = { ...payload.workflow, path: options.path ?? WORKFLOW };
  payload.workflow_run = workflowRun(options);
  payload.installation = { id: INSTALLATION_ID, node_id: 'x' };
  return payload;
}

/** `stackguard synth` of the shop app at `side`, recording `commit`, zipped as upload-artifact zips a folder. */
export async function synthArtifact(side: 'base' | 'head', commit: string, extra?: (zip: yazl.ZipFile) => void): Promise<Buffer> {
  const run = await synthShop(side, ['--commit', commit]);
  const zip = new yazl.ZipFile();
  for (const file of await listFiles(run.out)) zip.addFile(`${run.out}/${file}`, file);
  extra?.(zip);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class ActionsMock {
  constructor(private readonly github: GitHubMock) {}

  /** GET actions/runs?head_sha=…: the runs of a commit (`success` when the App asks only for successful ones). */
  runsAt(sha: string, runs: Payload[], status?: 'success'): this {
    this.github.api
      .get(`${REPO_PATH}/actions/runs`)
      .query({ head_sha: sha, per_page: '100', ...(status ? { status } : {}) })
      .reply(200, { total_count: runs.length, workflow_runs: runs });
    return this;
  }

  /** The run's artifacts, and the download of the one named `stackguard`: a zip, or an HTTP status (410: expired). */
  artifact(runId: number, zip: Buffer | number, options: { name?: string; size?: number; expired?: boolean } = {}): this {
    const id = runId + 100_000;
    const size = options.size ?? (Buffer.isBuffer(zip) ? zip.length : 1000);
    const artifacts = [{ id, name: options.name ?? 'stackguard', size_in_bytes: size, expired: options.expired ?? false, archive_download_url: `https://api.github.com${REPO_PATH}/actions/artifacts/${id}/zip` }];
    this.github.api.get(`${REPO_PATH}/actions/runs/${runId}/artifacts`).query({ name: 'stackguard', per_page: '100' }).reply(200, { total_count: 1, artifacts });
    if (options.expired || (options.size !== undefined && !Buffer.isBuffer(zip)) || options.name) return this;
    if (typeof zip === 'number') {
      this.github.api.get(`${REPO_PATH}/actions/artifacts/${id}/zip`).reply(zip, { message: zip === 410 ? 'Artifact has expired' : 'error' });
      return this;
    }
    // GitHub answers with a redirect to a short-lived storage URL; the App follows it and streams the zip.
    this.github.api.get(`${REPO_PATH}/actions/artifacts/${id}/zip`).reply(302, '', { location: `https://pipelines.actions.githubusercontent.com/artifacts/${id}.zip` });
    nock('https://pipelines.actions.githubusercontent.com').get(`/artifacts/${id}.zip`).reply(200, zip, { 'content-type': 'application/zip' });
    return this;
  }

  /** The files a pull request changes. */
  pullFiles(files: Array<{ filename: string; sha?: string }>, number = PR_NUMBER): this {
    this.github.api
      .get(`${REPO_PATH}/pulls/${number}/files`)
      .query({ per_page: '100' })
      .reply(200, files.map((file) => ({ sha: file.sha ?? 'b'.repeat(40), filename: file.filename, status: 'modified' })));
    return this;
  }
}
