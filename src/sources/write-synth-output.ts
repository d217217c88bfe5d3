/**
 * Writes a synth output (see synth-output.ts): synthesizes each app in the sandbox of synth.ts into a temporary
 * cloud assembly, copies only what the review reads (manifest.json, templates, metadata; no asset folders, no
 * links), hashes each copied file and writes the manifest last, so a folder with a manifest is a finished one.
 */

import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import { removeTree } from './remove-tree.js';
import { stackguardVersion } from './stackguard-version.js';
import { synthesizeApp } from './synth.js';
import { SYNTH_MANIFEST_FILE, SYNTH_OUTPUT_VERSION, listFiles, sha256, type SynthManifest } from './synth-output.js';

export interface WriteSynthOutputOptions {
  /** The repository root; `apps` are relative to it. */
  root: string;
  apps: readonly string[];
  outDir: string;
  commit: string | null;
  timeoutMs: number;
  /** Called after each app, for progress lines. */
  onApp?: (folder: string, stacks: number, ms: number) => void;
}

export async function writeSynthOutput(options: WriteSynthOutputOptions): Promise<SynthManifest> {
  const outDir = await prepareOutDir(path.resolve(options.outDir));
  const manifest: SynthManifest = { stackguardSynth: SYNTH_OUTPUT_VERSION, commit: options.commit, stackguardVersion: stackguardVersion(), apps: [] };
  const deadline = Date.now() + options.timeoutMs;
  const used = new Set<string>();
  for (const folder of options.apps) {
    const synth = await synthesizeApp({ appDir: path.join(options.root, folder), timeoutMs: Math.max(1, deadline - Date.now()) });
    try {
      const assembly = assemblyName(folder, used);
      await copyReviewFiles(synth.assemblyDir, path.join(outDir, assembly));
      const files: Record<string, string> = {};
      for (const file of await listFiles(path.join(outDir, assembly))) {
        files[file] = sha256(await readFile(path.join(outDir, assembly, file)));
      }
      manifest.apps.push({ folder, assembly, files });
      options.onApp?.(folder, Object.keys(files).filter((f) => f.endsWith('.template.json')).length, synth.durationMs);
    } finally {
      await removeTree(synth.assemblyDir);
    }
  }
  await writeFile(path.join(outDir, SYNTH_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** `infra/app` → `infra-app`; `.` → `root`; a name already taken gets a number. */
function assemblyName(folder: string, used: Set<string>): string {
  const base = folder === '.' ? 'root' : folder.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^\.+/, '_').slice(0, 90);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
  used.add(name);
  return name;
}

/** JSON files of the assembly and its nested assemblies (Stages); asset folders are the app's bundles, not read. */
async function copyReviewFiles(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('asset.')) await copyReviewFiles(path.join(from, entry.name), path.join(to, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.json') && entry.name !== 'tree.json') await copyFile(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/** Replaces a previous synth output; refuses a folder with anything else in it rather than deleting it. */
async function prepareOutDir(outDir: string): Promise<string> {
  const entries = await readdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new StackguardInputError(`The output folder ${outDir} cannot be read (${error.code}).`, 'synth');
  });
  if (entries !== null && entries.length > 0) {
    if (!entries.includes(SYNTH_MANIFEST_FILE)) {
      throw new StackguardInputError(`The output folder ${outDir} is not empty and holds no stackguard synth output; refusing to write into it.`, 'synth');
    }
    await removeTree(outDir);
  }
  await mkdir(outDir, { recursive: true });
  return outDir;
}
