/**
 * Extracts a repository tarball (GitHub's format: one top folder `owner-repo-sha/`) into a fresh folder, refusing
 * the whole archive when any entry has an absolute path, a `..` segment, a link that leads out of the folder, or a
 * type other than file, folder or link, and when the archive holds more than the size or entry limit.
 *
 * The `tar` package already skips most of these entries (and rewrites absolute link targets into relative ones);
 * stackguard refuses instead of skipping, because a tree with silently missing or rewritten files would be
 * reviewed as something it is not, and because such an archive is an attack, not a repository. After extraction
 * every symbolic link is resolved once more on disk, so a chain of links cannot lead out either.
 */

import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { x as extract, type ReadEntry } from 'tar';
import { StackguardInputError } from '../../errors.js';

export interface ExtractLimits {
  maxBytes: number;
  maxEntries: number;
}

export const EXTRACT_STEP = 'download';
const ALLOWED_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);

export async function extractTarball(file: string, dest: string, limits: ExtractLimits): Promise<void> {
  let refusal: string | undefined;
  let bytes = 0;
  let entries = 0;
  const filter = (entryPath: string, entry: ReadEntry | { size?: number }): boolean => {
    if (refusal !== undefined) return false;
    entries++;
    bytes += 'size' in entry && typeof entry.size === 'number' ? entry.size : 0;
    refusal =
      entries > limits.maxEntries
        ? `it has more than ${limits.maxEntries} entries`
        : bytes > limits.maxBytes
          ? `it extracts to more than ${megabytes(limits.maxBytes)}`
          : entryProblem(entryPath, entry as ReadEntry);
    return refusal === undefined;
  };
  try {
    await extract({ file, cwd: dest, strip: 1, filter, strict: true, preserveOwner: false });
  } catch (error) {
    if (refusal === undefined) {
      throw new StackguardInputError(`The repository archive could not be extracted: ${(error as Error).message}`, EXTRACT_STEP);
    }
  }
  if (refusal !== undefined) {
    throw new StackguardInputError(`The repository archive was refused: ${refusal}.`, EXTRACT_STEP);
  }
  await assertLinksStayInside(dest);
}

/** Why an entry is refused, or undefined when it may be extracted. `entryPath` still has the top folder. */
export function entryProblem(entryPath: string, entry: Pick<ReadEntry, 'type' | 'linkpath'>): string | undefined {
  const pathIssue = pathProblem(entryPath);
  if (pathIssue) return pathIssue;
  if (!ALLOWED_TYPES.has(entry.type)) return `entry "${entryPath}" is a ${entry.type}, not a file, folder or link`;
  const inside = stripTop(entryPath);
  if (entry.type === 'SymbolicLink') {
    const target = entry.linkpath ?? '';
    if (isAbsolute(target)) return `link "${inside}" points to the absolute path "${target}"`;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(inside), target));
    if (resolved === '..' || resolved.startsWith('../')) return `link "${inside}" points outside the repository ("${target}")`;
  }
  if (entry.type === 'Link') {
    const target = entry.linkpath ?? '';
    if (isAbsolute(target) || segments(target).includes('..')) return `hard link "${inside}" points outside the repository ("${target}")`;
  }
  return undefined;
}

/** An archive entry's path that would land outside the folder it is extracted into (tarballs and zips alike). */
export function pathProblem(entryPath: string): string | undefined {
  if (isAbsolute(entryPath)) return `entry "${entryPath}" has an absolute path`;
  if (segments(entryPath).includes('..')) return `entry "${entryPath}" has ".." in its path`;
  return undefined;
}

/** Every symbolic link in the tree, resolved on disk, must end inside it (or nowhere: a dangling link is harmless). */
async function assertLinksStayInside(root: string): Promise<void> {
  const realRoot = await realpath(root);
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined);
        if (target !== undefined && target !== realRoot && !target.startsWith(realRoot + path.sep)) {
          throw new StackguardInputError(
            `The repository archive was refused: link "${path.relative(root, full)}" resolves outside the repository.`,
            EXTRACT_STEP,
          );
        }
      } else if (entry.isDirectory() && !(await lstat(full)).isSymbolicLink()) {
        await walk(full);
      }
    }
  };
  await walk(root);
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
}

function segments(p: string): string[] {
  return p.replace(/\\/g, '/').split('/');
}

function stripTop(p: string): string {
  return segments(p).slice(1).join('/');
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
