/**
 * The base-branch baseline: the pull request's base commit, downloaded and synthesized exactly like the head
 * (same installer, same sandbox, same timeout), cached by SHA in memory. An app folder the base commit does not
 * have yet gets an empty side, so all its stacks show as added.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LoadedSide } from '../../sources/load-side.js';
import type { SynthLimits } from '../../sources/synth-limits.js';
import type { Octokit, RepoRef } from '../github-types.js';
import type { DependencyInstaller } from '../install/installer.js';
import { shortSha } from '../outcome.js';
import { SupersededError } from '../queue.js';
import type { ReviewProgress } from '../review/progress.js';
import { synthesizeTree } from '../review/synthesize-tree.js';
import type { TreeLimits, Workspace } from '../workspace/workspace.js';
import type { BaseSideCache } from './base-side-cache.js';
import { emptySide, type BaselineProvider } from './provider.js';

export interface BaseBranchOptions {
  octokit: Octokit;
  repo: RepoRef;
  baseSha: string;
  baseRef: string;
  workspace: Workspace;
  limits: TreeLimits;
  installer: DependencyInstaller;
  timeoutMs: number;
  /** The base side's own progress (steps read "synth (base)"). */
  progress: ReviewProgress;
  cache: BaseSideCache;
  synthLimits?: SynthLimits;
}

export class BaseBranchBaseline implements BaselineProvider {
  readonly kind = 'base-branch' as const;

  constructor(private readonly options: BaseBranchOptions) {}

  get description(): string {
    return `base branch ${this.options.baseRef} at ${shortSha(this.options.baseSha)}`;
  }

  async sides(apps: readonly string[]): Promise<Map<string, LoadedSide>> {
    try {
      return await this.fromCache(apps);
    } catch (error) {
      // A shared synth started by another review that was then superseded: that is not this review's fate.
      if (error instanceof SupersededError && !this.options.progress.signal.aborted) return this.fromCache(apps);
      throw error;
    }
  }

  private async fromCache(apps: readonly string[]): Promise<Map<string, LoadedSide>> {
    const { cache, repo, baseSha } = this.options;
    const keyOf = (app: string) => `${repo.owner}/${repo.repo}@${baseSha}:${app}`;
    const missing = apps.filter((app) => cache.get(keyOf(app)) === undefined);
    if (missing.length > 0) {
      const synthesized = this.synthesize(missing);
      for (const app of missing) {
        cache.set(keyOf(app), synthesized.then((sides) => sides.get(app) ?? emptySide(this.description)));
      }
    }
    const sides = new Map<string, LoadedSide>();
    for (const app of apps) {
      const side = cache.get(keyOf(app));
      if (side) sides.set(app, await side);
    }
    return sides;
  }

  private async synthesize(apps: readonly string[]): Promise<Map<string, LoadedSide>> {
    const { octokit, repo, baseSha, workspace, limits, installer, timeoutMs, progress, synthLimits } = this.options;
    return progress.track(async () => {
      progress.enter('download');
      const root = await workspace.fetchTree(octokit, repo, baseSha, 'base', limits, progress.signal);
      const present = apps.filter((app) => existsSync(path.join(root, app, 'cdk.json')));
      const sides = await synthesizeTree({ root, apps: present, describe: () => this.description }, installer, timeoutMs, progress, synthLimits);
      for (const app of apps) {
        if (!sides.has(app)) sides.set(app, emptySide(`${app} does not exist on ${this.description}`));
      }
      return sides;
    });
  }
}
