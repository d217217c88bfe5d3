/**
 * Turns an extracted source tree into one loaded side per CDK app: install the dependencies (each lockfile once),
 * then synthesize each app in the sandbox of src/sources/synth.ts and read its cloud assembly. Install and synth
 * share one budget, the config's `synth.timeout`, as its documentation promises; each synth has the App's memory,
 * disk and output limits.
 */

import path from 'node:path';
import { loadSide, type LoadedSide } from '../../sources/load-side.js';
import { removeTree } from '../../sources/remove-tree.js';
import { synthesizeApp } from '../../sources/synth.js';
import type { SynthLimits } from '../../sources/synth-limits.js';
import type { DependencyInstaller } from '../install/installer.js';
import type { ReviewProgress } from './progress.js';

export interface TreeToSynthesize {
  root: string;
  apps: readonly string[];
  /** For the loaded side's description: "head abc1234", "base branch main at def5678". */
  describe: (app: string) => string;
}

export async function synthesizeTree(
  tree: TreeToSynthesize,
  installer: DependencyInstaller,
  timeoutMs: number,
  progress: ReviewProgress,
  limits?: SynthLimits,
): Promise<Map<string, LoadedSide>> {
  const deadline = Date.now() + timeoutMs;
  progress.enter('install');
  await installer.install({ root: tree.root, apps: tree.apps, deadline });
  const sides = new Map<string, LoadedSide>();
  for (const app of tree.apps) {
    progress.throwIfAborted();
    progress.enter('synth');
    const appDir = path.join(tree.root, app);
    const synth = await synthesizeApp({ appDir, timeoutMs: Math.max(1, deadline - Date.now()), limits });
    try {
      progress.enter('read assembly');
      const side = await loadSide(synth.assemblyDir, { appDir });
      sides.set(app, { ...side, path: appDir, description: tree.describe(app) });
    } finally {
      await removeTree(synth.assemblyDir);
    }
  }
  return sides;
}
