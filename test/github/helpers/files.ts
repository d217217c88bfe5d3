import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { c as createTar } from 'tar';

const made: string[] = [];

export async function tempDir(prefix = 'stackguard-gh-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A file tree: path → content (objects become JSON), or `{ symlink: target }` for a link. */
export type Tree = Record<string, string | Buffer | object | { symlink: string }>;

export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [name, content] of Object.entries(tree)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    if (typeof content === 'object' && content !== null && 'symlink' in content && typeof content.symlink === 'string') {
      await symlink(content.symlink, file);
    } else {
      const data = typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2);
      await writeFile(file, data);
    }
  }
}

/** A gzipped tarball shaped like GitHub's: every entry under one top folder. */
export async function githubTarball(tree: Tree, top = 'Codertocat-Hello-World-0000000'): Promise<Buffer> {
  const dir = await tempDir('stackguard-tarball-');
  await writeTree(path.join(dir, top), tree);
  return tarOf(dir, [top]);
}

export async function tarOf(cwd: string, entries: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = createTar({ gzip: true, cwd, portable: true }, entries);
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
