/**
 * Creating something on GitHub (a comment, a check run) is not idempotent: a POST that GitHub carried out but
 * answered with a 502, or whose answer was lost, would make a second one if it were simply sent again. So these
 * writes opt out of plugin-retry (NO_BLIND_RETRY) and come here: after a 5xx or a network error, wait, look for
 * what the write would have made (the comment's hidden marker, the check run's external id), and send it again
 * only when it is not there. Rate limits never reach this code: plugin-throttling waits them out inside the
 * request, and a rate-limited request was not carried out. Hand-written because neither Octokit plugin can look
 * before it retries.
 */

import type { Octokit } from '../github-types.js';
import { writeRetryOf } from '../octokit.js';

export async function createOnce<T>(octokit: Octokit, what: string, create: () => Promise<T>, landed: () => Promise<T | undefined>): Promise<T> {
  const policy = writeRetryOf(octokit);
  for (let attempt = 0; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!mayHaveLanded(error) || attempt >= policy.retries) throw error;
      octokit.log.warn(`creating ${what} failed (${describe(error)}); looking whether it landed before trying again`);
      await policy.wait(attempt);
      const found = await landed();
      if (found !== undefined) {
        octokit.log.info(`${what} had been created despite the error; not creating it again`);
        return found;
      }
    }
  }
}

/** A server error or a lost answer: GitHub may have done the write. A 4xx is a definite refusal. */
export function mayHaveLanded(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  // @octokit/request reports a network error (a reset, a timeout) as status 500 too.
  return typeof status === 'number' && status >= 500;
}

function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  return typeof status === 'number' ? `${status}: ${message}` : message;
}
