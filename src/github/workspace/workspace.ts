/**
 * One review's folder under the App's work directory: the downloaded archives and the extracted source trees of
 * the head (and, for the base-branch baseline, the base) commit. Created private to the App's user and removed
 * when the review ends, whatever the outcome.
 */

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Octokit, RepoRef } from '../github-types.js';
import { removeTree } from '../../sources/remove-tree.js';
import { downloadTarball } from './download.js';
import { extractTarball, type ExtractLimits } from './extract.js';

export interface TreeLimits extends ExtractLimits {
  maxDownloadBytes: number;
}

export class Workspace {
  private constructor(readonly dir: string) {}

  static async create(workDir: string, label: string): Promise<Workspace> {
    await mkdir(workDir, { recursive: true, mode: 0o700 });
    const safeLabel = label.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 60);
    return new Workspace(await mkdtemp(path.join(workDir, `${safeLabel}-`)));
  }

  /** Downloads and extracts the repository at `sha` into `<dir>/<name>`; returns that folder. */
  async fetchTree(octokit: Octokit, ref: RepoRef, sha: string, name: string, limits: TreeLimits, signal?: AbortSignal): Promise<string> {
    const archive = path.join(this.dir, `${name}.tar.gz`);
    const root = path.join(this.dir, name);
    await mkdir(root, { mode: 0o700 });
    await downloadTarball(octokit, ref, sha, archive, { maxBytes: limits.maxDownloadBytes, signal });
    await extractTarball(archive, root, limits);
    await rm(archive, { force: true });
    return root;
  }

  async dispose(): Promise<void> {
    await removeTree(this.dir);
  }
}
