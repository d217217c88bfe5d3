/**
 * The Octokit class the App runs with: Probot's, which bundles @octokit/plugin-throttling and
 * @octokit/plugin-retry. What stackguard changes:
 * - Rate limits: Probot's `run` retries the primary limit twice and never a secondary one; a review's dozen writes
 *   to a busy installation would then fail the check for no fault of the pull request. Here both limits are
 *   waited out (GitHub says how long, in `retry-after` or `x-ratelimit-reset`), up to MAX_RATE_LIMIT_RETRIES times.
 * - 5xx answers and network errors: plugin-retry retries them (1 s, 4 s, 9 s). Only writes that create something
 *   opt out per request (NO_BLIND_RETRY) and go through `createOnce`, which first looks whether the write landed.
 * - Every wait is `seconds × msPerSecond`, one knob for both plugins and `createOnce`; tests set it to 0 so they
 *   never sleep on the real clock.
 */

import { ProbotOctokit } from 'probot';

export const MAX_RATE_LIMIT_RETRIES = 3;
/** Retries of a 5xx answer or a network error, for plugin-retry and for `createOnce`. */
export const MAX_SERVER_ERROR_RETRIES = 3;

export interface RetryTiming {
  /** Milliseconds one second of back-off or `retry-after` lasts: 1000 in the App, 0 in tests. */
  msPerSecond?: number;
}

/** What `createOnce` needs from the Octokit: how often to try again and how to wait between tries. */
export interface WriteRetry {
  retries: number;
  /** Waits before try `attempt + 1` (0-based): 1 s, 4 s, 9 s, like plugin-retry. */
  wait(attempt: number): Promise<void>;
}

interface LimitedRequest {
  method: string;
  url: string;
}

interface OctokitWithLog {
  log: { warn(message: string): void };
}

/** A request option: plugin-retry does not repeat this request (a create that may have landed). */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const;

function writeRetryPlugin(_octokit: unknown, options: { writeRetry?: WriteRetry; [option: string]: unknown }): { writeRetry: WriteRetry } {
  return { writeRetry: options.writeRetry ?? writeRetryWith(1000) };
}

function writeRetryWith(msPerSecond: number): WriteRetry {
  return {
    retries: MAX_SERVER_ERROR_RETRIES,
    wait: (attempt) => new Promise((resolve) => setTimeout(resolve, (attempt + 1) ** 2 * msPerSecond)),
  };
}

/** The write-retry policy of an Octokit made by this module; plugin defaults for any other. */
export function writeRetryOf(octokit: object): WriteRetry {
  return (octokit as { writeRetry?: WriteRetry }).writeRetry ?? writeRetryWith(1000);
}

export function createStackguardOctokit(timing: RetryTiming = {}): typeof ProbotOctokit {
  const msPerSecond = timing.msPerSecond ?? 1000;
  return ProbotOctokit.plugin(writeRetryPlugin).defaults((options: { throttle?: object; retry?: object }) => {
    const onLimit = (kind: string) => (retryAfter: number, request: LimitedRequest, octokit: OctokitWithLog, retryCount: number) => {
      const retry = retryCount < MAX_RATE_LIMIT_RETRIES;
      octokit.log.warn(`${kind} rate limit on ${request.method} ${request.url}: ${retry ? `retrying in ${retryAfter}s` : 'giving up'}`);
      return retry;
    };
    return {
      ...options,
      throttle: { ...options.throttle, retryAfterBaseValue: msPerSecond, onRateLimit: onLimit('Primary'), onSecondaryRateLimit: onLimit('Secondary') },
      retry: { ...options.retry, retries: MAX_SERVER_ERROR_RETRIES, retryAfterBaseValue: msPerSecond },
      writeRetry: writeRetryWith(msPerSecond),
    };
  }) as typeof ProbotOctokit;
}

export const StackguardOctokit = createStackguardOctokit();
