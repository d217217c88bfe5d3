/**
 * Synth outputs made the way a workflow makes them: the shop app (its synth copies the committed assembly, see
 * test/github/helpers/repos.ts) in a git checkout, synthesized by `stackguard synth`.
 */

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { synthCommand } from '../../src/cli/synth-command.js';
import { tempDir, writeTree, type Tree } from '../github/helpers/files.js';
import { shopRepo } from '../github/helpers/repos.js';

export interface Checkout {
  root: string;
  sha: string;
}

/** Runs git in `root` with a committer identity (CI machines have none configured); returns its trimmed output. */
export function git(root: string, ...args: string[]): string {
  const identity = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...identity } }).trim();
}

/** A git repository holding `tree`, one commit. */
export async function checkout(tree: Tree): Promise<Checkout> {
  const root = await tempDir('stackguard-checkout-');
  await writeTree(root, tree);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'test');
  return { root, sha: git(root, 'rev-parse', 'HEAD') };
}

export interface SynthRun {
  code: number;
  stderr: string;
  out: string;
  sha: string;
  root: string;
}

/** `stackguard synth --out <tmp>` in a checkout of the shop app at `side` (folder `infra` unless given). */
export async function synthShop(side: 'base' | 'head', args: string[] = [], folder = 'infra'): Promise<SynthRun> {
  const { root, sha } = await checkout(shopRepo(side, folder));
  const out = path.join(await tempDir('stackguard-synth-out-'), 'out');
  let stderr = '';
  const io = { stdout: () => undefined, stderr: (t: string) => void (stderr += t), color: false };
  const code = await synthCommand({ out, ...parseArgs(args) }, io, root);
  return { code, stderr, out, sha, root };
}

function parseArgs(args: string[]): { appDir?: string[]; commit?: string } {
  const options: { appDir?: string[]; commit?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--app-dir') options.appDir = [...(options.appDir ?? []), args[i + 1]!];
    if (args[i] === '--commit') options.commit = args[i + 1];
  }
  return options;
}
