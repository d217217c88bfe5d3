/**
 * Waits for CloudFormation to finish computing a change set. Hand-written rather than the SDK's
 * waitUntilChangeSetCreateComplete: that waiter polls no faster than every 5 seconds and cannot be given a clock,
 * so tests would wait for real; here the delay grows from 1 to 5 seconds and `sleep` is injectable.
 */

import { DescribeChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { callAws, type AwsCall } from './aws-errors.js';
import type { ReadContext } from './read-deployed-stack.js';

export interface WaitOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Give up after this long (default 5 minutes); the stack is then compared by template only. */
  timeoutMs?: number;
  now?: () => number;
}

export type ChangeSetReady = { status: 'CREATE_COMPLETE' } | { status: 'FAILED'; reason: string };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForChangeSet(ctx: ReadContext, id: string, permission: AwsCall, options: WaitOptions = {}): Promise<ChangeSetReady> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const deadline = now() + timeoutMs;
  let delay = 1000;
  for (;;) {
    const out = await callAws(permission, () => ctx.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id })));
    if (out.Status === 'CREATE_COMPLETE') return { status: 'CREATE_COMPLETE' };
    if (out.Status === 'FAILED') return { status: 'FAILED', reason: out.StatusReason ?? 'no reason given' };
    if (now() >= deadline) return { status: 'FAILED', reason: `still ${out.Status ?? 'pending'} after ${Math.round(timeoutMs / 1000)} seconds` };
    await sleep(delay);
    delay = Math.min(delay * 2, 5000);
  }
}
