/**
 * Installed dependencies kept between reviews, keyed by a hash of everything that decides what gets installed:
 * the package manager and its command, the lockfile, every package.json and package-manager config file of the
 * project, and the Node.js version and platform (native packages differ by them). Most pushes to a repository do
 * not touch the lockfile, so most reviews copy `node_modules` from here instead of installing.
 *
 * Entries are copied into a review's tree, never linked: the synth that follows runs the pull request's code,
 * and writes it makes to its `node_modules` must not reach the entry other reviews will use. An entry is
 * written under a staging name and renamed into place, so a crash never leaves a half-written entry.
 */

import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeTree } from '../../sources/remove-tree.js';
import { INSTALL_INPUTS, INSTALL_OUTPUTS, installCommand, type Lockfile } from './lockfile.js';

const MANIFEST = 'outputs.json';
const SEARCH_DEPTH = 6;

export class DependencyCache {
  constructor(
    private readonly dir: string,
    private readonly maxEntries = 20,
  ) {}

  /** Copies a cached install into `lockDir`; false when there is none for the key. */
  async restore(key: string, lockDir: string): Promise<boolean> {
    const entry = path.join(this.dir, key);
    let outputs: string[];
    try {
      outputs = JSON.parse(await readFile(path.join(entry, MANIFEST), 'utf8')) as string[];
    } catch {
      return false;
    }
    for (const output of outputs) {
      await cp(path.join(entry, 'files', output), path.join(lockDir, output), { recursive: true, verbatimSymlinks: true, force: true });
    }
    const now = new Date();
    await utimes(entry, now, now).catch(() => undefined);
    return true;
  }

  /** Copies what an install in `lockDir` produced into the cache under `key`. */
  async store(key: string, lockDir: string): Promise<void> {
    const outputs = await installOutputs(lockDir);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const staging = path.join(this.dir, `.staging-${randomUUID()}`);
    try {
      for (const output of outputs) {
        await cp(path.join(lockDir, output), path.join(staging, 'files', output), { recursive: true, verbatimSymlinks: true });
      }
      await writeFile(path.join(staging, MANIFEST), JSON.stringify(outputs));
      const entry = path.join(this.dir, key);
      if (existsSync(entry)) return; // another review stored the same key meanwhile
      await rename(staging, entry);
    } finally {
      await removeTree(staging);
    }
    await this.evict();
  }

  /** Keeps the most recently used entries. */
  private async evict(): Promise<void> {
    const names = (await readdir(this.dir)).filter((name) => !name.startsWith('.'));
    if (names.length <= this.maxEntries) return;
    const dated = await Promise.all(names.map(async (name) => ({ name, used: (await stat(path.join(this.dir, name))).mtimeMs })));
    dated.sort((a, b) => b.used - a.used);
    for (const { name } of dated.slice(this.maxEntries)) await removeTree(path.join(this.dir, name));
  }
}

export async function cacheKey(lockfile: Lockfile): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${lockfile.manager}\n${installCommand(lockfile.manager)}\n${process.version}\n${process.platform}-${process.arch}\n`);
  hash.update(`${lockfile.file}\n`).update(await readFile(path.join(lockfile.dir, lockfile.file)));
  for (const file of await installInputs(lockfile.dir)) {
    hash.update(`\n${file}\n`).update(await readFile(path.join(lockfile.dir, file)));
  }
  return hash.digest('hex').slice(0, 32);
}

/** Package manifests and package-manager config in the project (workspaces included), relative paths, sorted. */
async function installInputs(lockDir: string): Promise<string[]> {
  const found: string[] = [];
  await walk(lockDir, '', 0, (relative, name, isDirectory) => {
    if (!isDirectory && INSTALL_INPUTS.includes(name)) found.push(relative);
  });
  return found.sort();
}

/** Every top-level `node_modules` folder (not those inside another) and the other install outputs. */
async function installOutputs(lockDir: string): Promise<string[]> {
  const found = INSTALL_OUTPUTS.filter((output) => existsSync(path.join(lockDir, output)));
  await walk(lockDir, '', 0, (relative, name, isDirectory) => {
    if (isDirectory && name === 'node_modules') found.push(relative);
  });
  return found.sort();
}

async function walk(root: string, relative: string, depth: number, visit: (relative: string, name: string, isDirectory: boolean) => void): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    visit(child, entry.name, entry.isDirectory());
    const descend = entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.') && depth < SEARCH_DEPTH;
    if (descend) await walk(root, child, depth + 1, visit);
  }
}
