import { afterEach, describe, expect, it } from 'vitest';
import { synthesizeApp } from '../../src/sources/synth.js';
import type { SynthLimits } from '../../src/sources/synth-limits.js';
import { SCRIPTS, inputError, removeTempDirs, writeFolder } from './helpers.js';
import { survivors } from './process-helpers.js';

const MiB = 1024 * 1024;
// Generous: every test ends on a limit it measured, never on this.
const TIMEOUT_MS = 120_000;

afterEach(removeTempDirs);

async function runaway(command: string, limits: SynthLimits) {
  const appDir = await writeFolder({ 'cdk.json': { app: command } });
  const error = await inputError(synthesizeApp({ appDir, timeoutMs: TIMEOUT_MS, limits }), 'synth');
  expect(error.message).not.toContain('took longer');
  return error;
}

describe('synth limits: a synth that runs away fails with the cause named', () => {
  it('stops an app that allocates JavaScript objects without end (memory)', async () => {
    const error = await runaway(`node ${SCRIPTS}/runaway.mjs heap`, { memoryBytes: 256 * MiB });
    expect(error.message).toMatch(/ran out of memory \(limit 256 MiB\)|used more than 256 MiB of memory/);
  });

  it('stops an app that raises its own heap limit and allocates Buffers outside the heap (memory)', async () => {
    // The app's own --max-old-space-size wins over NODE_OPTIONS, and Buffers are not on V8's heap anyway:
    // only the watchdog's measure of the group's resident memory, or the address-space limit, stops this one.
    const error = await runaway(`node --max-old-space-size=8192 ${SCRIPTS}/runaway.mjs buffers`, { memoryBytes: 256 * MiB });
    expect(error.message).toMatch(/ran out of memory \(limit 256 MiB\)|used more than 256 MiB of memory/);
  });

  it('stops an app that writes one file without end (disk)', async () => {
    const error = await runaway(`node ${SCRIPTS}/runaway.mjs big-file`, { diskBytes: 32 * MiB });
    expect(error.message).toMatch(/wrote a file larger than the disk budget \(32 MiB\)|wrote more than the disk budget of 32 MiB/);
  });

  it('stops an app that writes many files, each below the file size limit (disk)', async () => {
    const error = await runaway(`node ${SCRIPTS}/runaway.mjs many-files`, { diskBytes: 32 * MiB });
    expect(error.message).toContain('wrote more than the disk budget of 32 MiB');
  });

  it('stops an app that prints without end, keeping the first and the last lines and counting the rest', async () => {
    const error = await runaway(`node ${SCRIPTS}/runaway.mjs print`, { outputBytes: 4 * MiB });
    expect(error.message).toContain('it printed more than 4 MiB of output');
    const details = error.details ?? '';
    expect(Buffer.byteLength(details)).toBeLessThan(80 * 1024);
    expect(details.split('\n')[0]).toBe('runaway print starting');
    expect(details).toMatch(/\[\d+ line\(s\), \d+ bytes omitted\]/);
    expect(details.split('\n').at(-1)).toMatch(/^line \d+: chatter/);
  });

  it('leaves no process of the group behind once a limit stopped it', async () => {
    const error = await runaway(`node ${SCRIPTS}/runaway.mjs print & echo "process-group $$"; wait`, { outputBytes: MiB });
    const group = Number(/process-group (\d+)/.exec(error.details ?? '')?.[1]);
    expect(group).toBeGreaterThan(0);
    expect(await survivors(group)).toEqual([]);
  });
});
