import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StackguardInputError } from '../../src/errors.js';
import { extractTarball } from '../../src/github/workspace/extract.js';
import { githubTarball, removeTempDirs, tempDir } from './helpers/files.js';
import { rawTarball, type RawEntry } from './helpers/raw-tar.js';

const LIMITS = { maxBytes: 1024 * 1024, maxEntries: 1000 };
const TOP = 'octo-repo-abc1234';

async function extractRaw(entries: RawEntry[], limits = LIMITS) {
  const dir = await tempDir();
  const file = path.join(dir, 'archive.tar.gz');
  await writeFile(file, rawTarball(entries));
  const dest = path.join(dir, 'tree');
  await import('node:fs/promises').then((fs) => fs.mkdir(dest));
  const error = await extractTarball(file, dest, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { dir, dest, error };
}

afterEach(removeTempDirs);

describe('extractTarball', () => {
  it('extracts a GitHub tarball without its top folder, keeping links that stay inside', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.tar.gz');
    await writeFile(file, await githubTarball({ 'infra/cdk.json': { app: 'x' }, 'infra/lib/a.ts': 'a', 'infra/current': { symlink: 'lib' } }, TOP));
    const dest = path.join(dir, 'tree');
    await import('node:fs/promises').then((fs) => fs.mkdir(dest));
    await extractTarball(file, dest, LIMITS);
    expect(JSON.parse(readFileSync(path.join(dest, 'infra/cdk.json'), 'utf8'))).toEqual({ app: 'x' });
    expect(readFileSync(path.join(dest, 'infra/current/a.ts'), 'utf8')).toBe('a');
  });

  const refusals: Array<[string, RawEntry[], RegExp]> = [
    ['an absolute path', [{ path: '/etc/stackguard-pwned', type: '0', content: 'x' }], /absolute path/],
    ['a ".." segment', [{ path: `${TOP}/../../stackguard-pwned`, type: '0', content: 'x' }], /"\.\." in its path/],
    ['a symbolic link to an absolute path', [{ path: `${TOP}/key.pem`, type: '2', linkpath: '/etc/passwd' }], /absolute path "\/etc\/passwd"/],
    ['a symbolic link that climbs out', [{ path: `${TOP}/lib/up`, type: '2', linkpath: '../../..' }], /points outside the repository/],
    ['a hard link out of the folder', [{ path: `${TOP}/x`, type: '1', linkpath: `${TOP}/../../etc/passwd` }], /hard link "x" points outside/],
    ['a device file', [{ path: `${TOP}/tty`, type: '3' }], /is a CharacterDevice/],
    ['a FIFO', [{ path: `${TOP}/pipe`, type: '6' }], /is a FIFO/],
  ];

  for (const [what, entries, message] of refusals) {
    it(`refuses the whole archive when an entry has ${what}`, async () => {
      // GIVEN an archive with one ordinary file and the bad entry
      const { dest, error } = await extractRaw([{ path: `${TOP}/cdk.json`, type: '0', content: '{}' }, ...entries]);
      // THEN extraction fails with a message naming the entry, and nothing escaped
      expect(error).toBeInstanceOf(StackguardInputError);
      expect((error as StackguardInputError).step).toBe('download');
      expect((error as Error).message).toMatch(message);
      expect(existsSync('/etc/stackguard-pwned')).toBe(false);
      expect(existsSync(path.join(path.dirname(dest), '..', 'stackguard-pwned'))).toBe(false);
    });
  }

  it('refuses a link chain that resolves outside even though each link looks inside', async () => {
    // sub/dir → ".." stays inside on paper (it is the root), and so does sub/esc → "dir/.." (it is "sub"); on
    // disk, sub/esc goes through the link sub/dir to the root and then one level above it.
    const { error } = await extractRaw([
      { path: `${TOP}/sub/dir`, type: '2', linkpath: '..' },
      { path: `${TOP}/sub/esc`, type: '2', linkpath: 'dir/..' },
    ]);
    expect((error as Error).message).toContain('link "sub/esc" resolves outside the repository');
  });

  it('refuses an archive that extracts to more than the size limit', async () => {
    const { error } = await extractRaw([{ path: `${TOP}/big.bin`, type: '0', content: 'x'.repeat(4096) }], { maxBytes: 1024, maxEntries: 10 });
    expect((error as Error).message).toMatch(/extracts to more than/);
  });

  it('refuses an archive with more entries than the limit', async () => {
    const entries: RawEntry[] = Array.from({ length: 5 }, (_, i) => ({ path: `${TOP}/f${i}`, type: '0', content: 'x' }));
    const { error } = await extractRaw(entries, { maxBytes: LIMITS.maxBytes, maxEntries: 3 });
    expect((error as Error).message).toMatch(/more than 3 entries/);
  });
});
