import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile } from '../../src/config/load.js';
import { StackguardInputError } from '../../src/errors.js';

describe('loadConfigFile (the CLI --config)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'stackguard-config-'));

  it('reads and validates a file', async () => {
    const path = join(folder, 'stackguard.yml');
    writeFileSync(path, 'baseline: deployed\nsynth:\n  timeout: 15m\n');
    const config = await loadConfigFile(path);
    expect(config.baseline).toBe('deployed');
    expect(config.synth.timeout).toBe(900);
  });

  it('names the file in the error for an invalid file', async () => {
    const path = join(folder, 'invalid.yml');
    writeFileSync(path, 'baseline: nightly\n');
    const error = await loadConfigFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${path} is not a valid stackguard config (1 problem)`);
  });

  it('a missing file is an error of step config, not the default config', async () => {
    const path = join(folder, 'missing.yml');
    const error = await loadConfigFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StackguardInputError);
    expect(error).toMatchObject({ step: 'config', message: `cannot read config file ${path}: no such file` });
  });

  it('a folder is an error too', async () => {
    const error = await loadConfigFile(folder).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ step: 'config', message: `cannot read config file ${folder}: it is a folder` });
  });
});
