/**
 * Downloads the repository at a commit through GitHub's tarball endpoint, streamed to a file: a large repository
 * never sits in memory, and a download over the limit is cut off as soon as it passes it.
 */

import { createWriteStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { StackguardInputError } from '../../errors.js';
import type { Octokit, RepoRef } from '../github-types.js';

export const DOWNLOAD_STEP = 'download';

export interface DownloadOptions {
  maxBytes: number;
  signal?: AbortSignal;
}

export async function downloadTarball(octokit: Octokit, ref: RepoRef, sha: string, file: string, options: DownloadOptions): Promise<void> {
  let response;
  try {
    // parseSuccessResponseBody: false hands back the body as a stream instead of reading it into memory.
    response = await octokit.request('GET /repos/{owner}/{repo}/tarball/{ref}', {
      ...ref,
      ref: sha,
      request: { parseSuccessResponseBody: false, signal: options.signal },
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new StackguardInputError(
      `Downloading ${ref.owner}/${ref.repo} at ${sha} failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`,
      DOWNLOAD_STEP,
    );
  }
  const body = response.data as unknown as WebReadableStream<Uint8Array> | null;
  if (!body) throw new StackguardInputError(`GitHub sent an empty archive for ${sha}.`, DOWNLOAD_STEP);
  await streamToFile(body, file, { ...options, what: 'The repository archive' });
}

/** Writes a response body to `file`, failing as soon as it passes `maxBytes` (the tarball, an Actions artifact). */
export async function streamToFile(body: WebReadableStream<Uint8Array>, file: string, options: DownloadOptions & { what: string }): Promise<void> {
  await pipeline(Readable.fromWeb(body, { signal: options.signal }), new ByteLimit(options.maxBytes, options.what), createWriteStream(file));
}

class ByteLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly what: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) {
      callback(
        new StackguardInputError(
          `${this.what} is larger than ${Math.round(this.maxBytes / (1024 * 1024))} MB (STACKGUARD_MAX_DOWNLOAD_MB); it was not reviewed.`,
          DOWNLOAD_STEP,
        ),
      );
      return;
    }
    callback(null, chunk);
  }
}
