/**
 * The installed command, as CI jobs run it: `node bin/stackguard.js` (what `npx stackguard` runs) over the
 * compiled dist/ that `npm ci` builds. `npm test` builds dist/ before running the suite.
 */

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOP_BASE, SHOP_HEAD } from './run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'stackguard.js');

describe('bin/stackguard.js', () => {
  it('reviews the example, prints only JSON, and exits 1 for blocking changes', () => {
    const run = spawnSync(process.execPath, [BIN, 'review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, conclusion: 'failure' });
    expect(run.stderr).toBe('');
  });

  it('exits 2 with a one-line message on a missing folder', () => {
    const run = spawnSync(process.execPath, [BIN, 'review', '--base', 'nope', '--head', SHOP_HEAD], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('does not crash when its reader closes the pipe early', () => {
    // The JSON catalogue is far larger than the pipe buffer, so the writer is still writing when head exits.
    const run = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" rules --format json | head -c 10 >/dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
