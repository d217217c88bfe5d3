/**
 * The Octokit class the App runs with: Probot's (throttling, retry, pagination), with one change to how rate
 * limits are handled. Probot's `run` installs handlers that retry the primary rate limit twice but never retry
 * a secondary one; a review's dozen writes to a busy installation would then fail the check for no fault of
 * the pull request. Here both limits are waited out (GitHub says how long), up to MAX_RATE_LIMIT_RETRIES times.
 */

import { ProbotOctokit } from 'probot';

export const MAX_RATE_LIMIT_RETRIES = 3;

interface ThrottleOptions {
  retryAfterBaseValue?: number;
  [key: string]: unknown;
}

interface LimitedRequest {
  method: string;
  url: string;
}

interface OctokitWithLog {
  log: { warn(message: string): void };
}

export function createStackguardOctokit(throttle: ThrottleOptions = {}): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: { throttle?: ThrottleOptions }) => {
    const onLimit = (kind: string) => (retryAfter: number, request: LimitedRequest, octokit: OctokitWithLog, retryCount: number) => {
      const retry = retryCount < MAX_RATE_LIMIT_RETRIES;
      octokit.log.warn(`${kind} rate limit on ${request.method} ${request.url}: ${retry ? `retrying in ${retryAfter}s` : 'giving up'}`);
      return retry;
    };
    return {
      ...options,
      throttle: { ...options.throttle, ...throttle, onRateLimit: onLimit('Primary'), onSecondaryRateLimit: onLimit('Secondary') },
    };
  }) as typeof ProbotOctokit;
}

export const StackguardOctokit = createStackguardOctokit();
