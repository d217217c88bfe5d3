/**
 * Opens one side of a review from a path: a cloud assembly or a folder of templates is read as it is; a CDK app
 * folder (one with cdk.json) is synthesized first, in the sandbox of src/sources/synth.ts.
 */

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { loadSide, type LoadedSide } from '../sources/load-side.js';
import { synthesizeApp } from '../sources/synth.js';

export interface OpenSideOptions {
  synthTimeoutMs: number;
  /** Folder that source locations are made relative to; defaults per src/sources/load-side.ts. */
  appDir?: string;
}

export async function openSide(location: string, role: 'base' | 'head', options: OpenSideOptions): Promise<LoadedSide> {
  const resolved = path.resolve(location);
  if (!existsSync(path.join(resolved, 'cdk.json')) || existsSync(path.join(resolved, 'manifest.json'))) {
    return loadSide(location, { appDir: options.appDir });
  }
  const synth = await synthesizeApp({ appDir: resolved, timeoutMs: options.synthTimeoutMs });
  try {
    const side = await loadSide(synth.assemblyDir, { appDir: options.appDir ?? resolved });
    return { ...side, path: resolved, description: `${role} synthesized from ${location}` };
  } finally {
    await rm(synth.assemblyDir, { recursive: true, force: true });
  }
}
