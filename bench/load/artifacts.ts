/**
 * The `stackguard` artifacts of the load test's synth workflow runs: `stackguard synth` of the shop app's head and
 * base, each made once and zipped the way upload-artifact zips a folder, with the manifest's commit set to each
 * run's SHA (the App refuses an artifact whose manifest names another commit; the manifest's hashes cover the
 * assembly files, not the manifest itself).
 */

import { readFile } from 'node:fs/promises';
import yazl from 'yazl';
import { listFiles, SYNTH_MANIFEST_FILE } from '../../src/sources/synth-output.js';
import { synthShop } from '../../test/cli/synth-helpers.js';

export type Side = 'base' | 'head';

/** One side's synth output, read into memory, zipped again for each commit. */
export interface SideOutput {
  files: Map<string, Buffer>;
  manifest: Record<string, unknown>;
}

export async function synthSide(side: Side): Promise<SideOutput> {
  const run = await synthShop(side);
  if (run.code !== 0) throw new Error(`stackguard synth of the shop ${side} exited ${run.code}:\n${run.stderr}`);
  const files = new Map<string, Buffer>();
  for (const file of await listFiles(run.out)) {
    if (file !== SYNTH_MANIFEST_FILE) files.set(file, await readFile(`${run.out}/${file}`));
  }
  const manifest = JSON.parse(await readFile(`${run.out}/${SYNTH_MANIFEST_FILE}`, 'utf8')) as Record<string, unknown>;
  return { files, manifest };
}

export async function artifactZip(output: SideOutput, commit: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [file, data] of output.files) zip.addBuffer(data, file);
  zip.addBuffer(Buffer.from(JSON.stringify({ ...output.manifest, commit }, null, 2)), SYNTH_MANIFEST_FILE);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
