/**
 * The folder `stackguard synth` writes and the GitHub Action uploads as the `stackguard` artifact: one cloud
 * assembly per CDK app (only the files the review reads) and a manifest, `stackguard-synth.json`, naming the
 * commit, the app folders, the stackguard version and the sha256 of every file.
 *
 * Reading it back checks every file against the manifest: nothing unlisted, nothing changed, no links. The App
 * downloads such folders from workflow runs it does not control, so the folder is data to verify, not to trust.
 */

import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StackguardInputError } from '../errors.js';
import { loadSide, type LoadedSide } from './load-side.js';
import { validate } from './manifest.js';
import { readJsonFile } from './read-json.js';

export const SYNTH_MANIFEST_FILE = 'stackguard-synth.json';
export const SYNTH_OUTPUT_VERSION = 1;
const STEP = 'read synth output';

/** A path inside the folder: relative, forward slashes, no `..`, no empty or dot segments. */
const insidePath = z
  .string()
  .min(1)
  .max(500)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && !p.includes('\\'), {
    error: 'must be a relative path without "..", "." or backslashes',
  });
const appFolder = z.union([z.literal('.'), insidePath]);

const synthManifestSchema = z.strictObject({
  stackguardSynth: z.literal(SYNTH_OUTPUT_VERSION),
  commit: z.string().regex(/^[0-9a-f]{40}$/).nullable(),
  stackguardVersion: z.string().max(100),
  apps: z
    .array(
      z.strictObject({
        folder: appFolder,
        assembly: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/).refine((s) => s !== '.' && s !== '..'),
        files: z.record(insidePath, z.string().regex(/^[0-9a-f]{64}$/)),
      }),
    )
    .max(200),
});
export type SynthManifest = z.infer<typeof synthManifestSchema>;

export interface SynthOutput {
  manifest: SynthManifest;
  /** By app folder; each side names the commit in its description. */
  sides: Map<string, LoadedSide>;
}

export async function isSynthOutput(dir: string): Promise<boolean> {
  return readdir(dir).then(
    (names) => names.includes(SYNTH_MANIFEST_FILE),
    () => false,
  );
}

export async function readSynthManifest(dir: string): Promise<SynthManifest> {
  const file = path.join(dir, SYNTH_MANIFEST_FILE);
  const manifest = validate(synthManifestSchema, await readJsonFile(file, STEP, 'stackguard synth manifest'), file, 'stackguard synth manifest', STEP);
  const assemblies = manifest.apps.map((app) => app.assembly);
  const folders = manifest.apps.map((app) => app.folder);
  if (new Set(assemblies).size !== assemblies.length || new Set(folders).size !== folders.length || assemblies.includes(SYNTH_MANIFEST_FILE)) {
    throw new StackguardInputError(`${file} names an app folder or assembly twice.`, STEP);
  }
  return manifest;
}

/**
 * Reads a synth output after checking it. `appDirOf` gives each app's source folder for source locations
 * (the CLI passes the checkout; the App has no checkout and passes none).
 */
export async function openSynthOutput(dir: string, label: string, appDirOf?: (folder: string) => string): Promise<SynthOutput> {
  const manifest = await readSynthManifest(dir);
  await verifyFiles(dir, manifest);
  const sides = new Map<string, LoadedSide>();
  const at = manifest.commit ? ` at ${manifest.commit.slice(0, 7)}` : '';
  for (const app of manifest.apps) {
    const side = await loadSide(path.join(dir, app.assembly), { appDir: appDirOf?.(app.folder) ?? path.join(dir, app.assembly) });
    sides.set(app.folder, { ...side, description: `${label}${at}${app.folder === '.' ? '' : ` (${app.folder})`}` });
  }
  return { manifest, sides };
}

/** Every entry of the folder is the manifest or a listed file with its hash; every listed file is there. */
async function verifyFiles(dir: string, manifest: SynthManifest): Promise<void> {
  const expected = new Map<string, string>();
  for (const app of manifest.apps) {
    for (const [file, hash] of Object.entries(app.files)) expected.set(`${app.assembly}/${file}`, hash);
  }
  const found = await listFiles(dir);
  for (const file of found) {
    if (file === SYNTH_MANIFEST_FILE) continue;
    const hash = expected.get(file);
    if (hash === undefined) throw refused(`${file} is not listed in ${SYNTH_MANIFEST_FILE}`);
    if (sha256(await readFile(path.join(dir, file))) !== hash) throw refused(`${file} does not match its sha256 in ${SYNTH_MANIFEST_FILE}`);
    expected.delete(file);
  }
  const missing = [...expected.keys()];
  if (missing.length > 0) throw refused(`${missing.slice(0, 3).join(', ')} ${missing.length === 1 ? 'is' : 'are'} listed but missing`);
}

/** Relative paths of every file under `dir`; anything but files and folders (a link, a device) is refused. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (entry.isFile()) files.push(relative);
    else throw refused(`${relative} is not a regular file or folder`);
  }
  return files.sort();
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function refused(problem: string): StackguardInputError {
  return new StackguardInputError(`The synth output was refused: ${problem}.`, STEP);
}
