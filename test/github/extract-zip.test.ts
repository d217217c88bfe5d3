/**
 * The artifact zip is extracted under the App's limits, counted on what is written: a zip that inflates past the
 * byte limit, or holds more entries than allowed, is refused as a whole.
 */

import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { extractZip } from '../../src/github/actions/extract-zip.js';
import { StackguardInputError } from '../../src/errors.js';
import { removeTempDirs, tempDir } from './helpers/files.js';

afterAll(removeTempDirs);

async function zipOf(files: Record<string, Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = path.join(await tempDir(), 'artifact.zip');
  await writeFile(file, Buffer.concat(chunks));
  return file;
}

describe('extractZip', () => {
  it('extracts files and folders within the limits', async () => {
    const dest = await tempDir();
    await extractZip(await zipOf({ 'stackguard-synth.json': Buffer.from('{}'), 'infra/manifest.json': Buffer.from('{}') }), dest, { maxBytes: 1024, maxEntries: 10 });
    expect(await readdir(path.join(dest, 'infra'))).toEqual(['manifest.json']);
  });

  it('refuses a zip that inflates past the byte limit (4 MB of zeros compress to a few KB)', async () => {
    const file = await zipOf({ 'infra/big.template.json': Buffer.alloc(4 * 1024 * 1024) });
    const error = await extractZip(file, await tempDir(), { maxBytes: 1024 * 1024, maxEntries: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackguardInputError);
    expect((error as Error).message).toBe('The synth artifact was refused: it extracts to more than 1 MB.');
  });

  it('refuses a zip with more entries than allowed, and a file that is not a zip', async () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.json`, Buffer.from('{}')]));
    await expect(extractZip(await zipOf(many), await tempDir(), { maxBytes: 1024, maxEntries: 10 })).rejects.toThrow('it has more than 10 entries');
    const notZip = path.join(await tempDir(), 'x.zip');
    await writeFile(notZip, 'not a zip');
    await expect(extractZip(notZip, await tempDir(), { maxBytes: 1024, maxEntries: 10 })).rejects.toThrow('it is not a readable zip');
  });
});
