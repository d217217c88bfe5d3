/**
 * Extracts a workflow artifact (a zip) into a fresh folder, refusing the whole archive when an entry has an
 * absolute path or `..` (the tarball's checks, src/github/workspace/extract.ts), is a link or anything but a file
 * or folder, or when the archive holds more entries or bytes than the limits. yauzl also rejects malformed
 * names and entries whose size disagrees with their header (`validateEntrySizes`), so a zip cannot claim to be
 * small and then extract large: the byte count is enforced on what is written, not on what the header says.
 */

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry } from 'yauzl';
import { StackguardInputError } from '../../errors.js';
import { pathProblem, type ExtractLimits } from '../workspace/extract.js';

export const ARTIFACT_STEP = 'download artifact';
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export async function extractZip(file: string, dest: string, limits: ExtractLimits): Promise<void> {
  let zip;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw refused(`it is not a readable zip (${(error as Error).message})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw refused(`it has more than ${limits.maxEntries} entries`);
    let bytes = 0;
    const count = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) throw refused(`it extracts to more than ${Math.round(limits.maxBytes / (1024 * 1024))} MB`);
    };
    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      const problem = entryProblem(entry);
      if (problem) throw refused(problem);
      const target = path.join(dest, entry.fileName);
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true, mode: 0o700 });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          try {
            count(chunk);
            callback(null, chunk);
          } catch (error) {
            callback(error as Error);
          }
        },
      });
      // `wx`: a second entry with the same name does not overwrite the first.
      await pipeline(await zip.openReadStreamPromise(entry), counter, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    }
  } catch (error) {
    if (error instanceof StackguardInputError) throw error;
    throw refused((error as Error).message);
  } finally {
    zip.close();
  }
}

/** Why an entry is refused: its path, or a type other than file or folder (the Unix type bits, when the zip has them). */
function entryProblem(entry: Entry): string | undefined {
  const pathIssue = pathProblem(entry.fileName);
  if (pathIssue) return pathIssue;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) return `entry "${entry.fileName}" is a link or special file, not a file or folder`;
  return undefined;
}

function nextEntry(zip: yauzl.ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry) => done(() => resolve(entry));
    const onEnd = () => done(() => resolve(null));
    const onError = (error: Error) => done(() => reject(error));
    const done = (then: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      then();
    };
    zip.on('entry', onEntry).once('end', onEnd).once('error', onError);
    zip.readEntry();
  });
}

function refused(problem: string): StackguardInputError {
  return new StackguardInputError(`The synth artifact was refused: ${problem}.`, ARTIFACT_STEP);
}
