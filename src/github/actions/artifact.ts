/**
 * Downloads a workflow run's synth artifact through the Actions API and opens it as a synth output: streamed to
 * disk under the App's download limit, extracted under its size and entry limits, every file checked against the
 * manifest (src/sources/synth-output.ts), and the manifest's commit checked against the run's head commit.
 */

import { mkdir, rm } from 'node:fs/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { StackguardInputError } from '../../errors.js';
import { openSynthOutput, type SynthOutput } from '../../sources/synth-output.js';
import type { Octokit, RepoRef } from '../github-types.js';
import { streamToFile } from '../workspace/download.js';
import type { TreeLimits } from '../workspace/workspace.js';
import { ARTIFACT_STEP, extractZip } from './extract-zip.js';
import type { WorkflowRunRef } from './workflow-runs.js';

export interface ArtifactRequest {
  octokit: Octokit;
  repo: RepoRef;
  run: WorkflowRunRef;
  name: string;
  /** A fresh folder per side, inside the review's workspace. */
  dir: string;
  limits: TreeLimits;
  /** For the sides' descriptions: "head", "base branch main". */
  label: string;
  signal?: AbortSignal;
}

export async function downloadSynthArtifact(request: ArtifactRequest): Promise<SynthOutput> {
  const { octokit, repo, run, name, dir, limits } = request;
  const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: run.id, name, per_page: 100 });
  const artifact = data.artifacts.find((candidate) => candidate.name === name);
  const where = `the workflow run ${run.htmlUrl}`;
  if (!artifact) throw new StackguardInputError(`${where} uploaded no artifact named "${name}" (synth.artifact). Check that its stackguard step ran and uploaded the \`stackguard synth\` output.`, ARTIFACT_STEP);
  if (artifact.expired) throw expired(where, name);
  if (artifact.size_in_bytes > limits.maxDownloadBytes) {
    throw new StackguardInputError(`The artifact "${name}" of ${where} is ${megabytes(artifact.size_in_bytes)}, more than the App's limit of ${megabytes(limits.maxDownloadBytes)} (STACKGUARD_MAX_DOWNLOAD_MB).`, ARTIFACT_STEP);
  }
  let response;
  try {
    response = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      ...repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
      request: { parseSuccessResponseBody: false, signal: request.signal },
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 410) throw expired(where, name);
    throw new StackguardInputError(`Downloading the artifact "${name}" of ${where} failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`, ARTIFACT_STEP);
  }
  const body = response.data as unknown as WebReadableStream<Uint8Array> | null;
  if (!body) throw new StackguardInputError(`GitHub sent an empty artifact "${name}" for ${where}.`, ARTIFACT_STEP);
  const zip = `${dir}.zip`;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await streamToFile(body, zip, { maxBytes: limits.maxDownloadBytes, signal: request.signal, what: `The artifact "${name}"` });
  await extractZip(zip, dir, limits);
  await rm(zip, { force: true });

  const output = await openSynthOutput(dir, `${request.label}, workflow run ${run.id}`);
  if (output.manifest.commit !== run.headSha) {
    throw new StackguardInputError(
      `The artifact "${name}" of ${where} says it was synthesized at ${output.manifest.commit ?? 'an unknown commit'}, but the run is for ${run.headSha}. ` +
        'The workflow must check out the commit it runs for (`ref: ${{ github.event.pull_request.head.sha || github.sha }}`) and run `stackguard synth` there.',
      ARTIFACT_STEP,
    );
  }
  return output;
}

function expired(where: string, name: string): StackguardInputError {
  return new StackguardInputError(`The artifact "${name}" of ${where} has expired (GitHub keeps artifacts for a limited time). Re-run that workflow, and the check follows its new run.`, ARTIFACT_STEP);
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
