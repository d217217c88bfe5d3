/**
 * The pull request's base commit, checked out next to the workspace with `git worktree`, for the review mode's
 * baseline. A shallow checkout (actions/checkout's default) lacks the base commit, so it is fetched first, with
 * the credentials actions/checkout left in the repository's git config.
 */

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { StackguardInputError } from '../errors.js';

const run = promisify(execFile);
const STEP = 'base checkout';

export interface BaseWorktree {
  root: string;
  remove(): Promise<void>;
}

export async function checkOutBase(workspace: string, baseSha: string, temp: string): Promise<BaseWorktree> {
  const git = (...args: string[]) => run('git', args, { cwd: workspace, maxBuffer: 16 * 1024 * 1024 });
  const present = await git('cat-file', '-e', `${baseSha}^{commit}`).then(
    () => true,
    () => false,
  );
  if (!present) {
    await git('fetch', '--no-tags', '--depth=1', 'origin', baseSha).catch((error: Error) => {
      throw new StackguardInputError(`The base commit ${baseSha} is not in the checkout and could not be fetched: ${error.message.trim()}`, STEP);
    });
  }
  const root = path.join(temp, 'stackguard-base');
  await git('worktree', 'add', '--force', '--detach', root, baseSha).catch((error: Error) => {
    throw new StackguardInputError(`The base commit ${baseSha} could not be checked out: ${error.message.trim()}`, STEP);
  });
  return { root, remove: async () => void (await git('worktree', 'remove', '--force', root).catch(() => undefined)) };
}
