import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { splitContext } from '../../src/sources/sandbox-env.js';
import { synthesizeApp } from '../../src/sources/synth.js';
import { SCRIPTS, removeTempDirs, tempDir, writeFolder } from './helpers.js';

interface Probe {
  env: Record<string, string>;
  inlineContext: Record<string, unknown>;
  overflowKeys: string[];
}

async function synthProbe(files: Record<string, unknown>): Promise<Probe> {
  const appDir = await writeFolder(files);
  const outDir = path.join(await tempDir(), 'cdk.out');
  const { logTail } = await synthesizeApp({ appDir, outDir, timeoutMs: 20_000 });
  const line = logTail.split('\n').find((l) => l.startsWith('PROBE ')) ?? '';
  return JSON.parse(line.slice('PROBE '.length)) as Probe;
}

describe('synthesizeApp: context', () => {
  afterEach(removeTempDirs);

  it('merges cdk.context.json under cdk.json context, like the CDK CLI, and adds its own settings on top', async () => {
    // GIVEN context in both files, overlapping on a plain key and on an object key
    const probe = await synthProbe({
      'cdk.json': {
        app: `node ${SCRIPTS}/probe.mjs`,
        context: {
          '@aws-cdk/core:newStyleStackSynthesis': true,
          shared: 'from cdk.json',
          nested: { fromJson: 1, both: 'cdk.json' },
          // A project that switched creation stacks off for speed: stackguard needs them.
          'aws:cdk:disable-creation-stack-traces': true,
        },
      },
      'cdk.context.json': {
        'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b'],
        shared: 'from cdk.context.json',
        nested: { fromContextFile: 2, both: 'cdk.context.json' },
      },
    });
    // THEN
    expect(probe.inlineContext).toEqual({
      '@aws-cdk/core:newStyleStackSynthesis': true,
      'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b'],
      shared: 'from cdk.json',
      nested: { fromJson: 1, fromContextFile: 2, both: 'cdk.json' },
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:enable-asset-metadata': true,
      'aws:cdk:disable-creation-stack-traces': false,
      'aws:cdk:disable-logicalId-metadata': false,
      'aws:cdk:version-reporting': true,
    });
    expect(probe.overflowKeys).toEqual([]);
    expect(probe.env.CONTEXT_OVERFLOW_LOCATION_ENV).toBeUndefined();
  });

  it('follows cdk.json versionReporting: false as the CLI does', async () => {
    const probe = await synthProbe({ 'cdk.json': { app: `node ${SCRIPTS}/probe.mjs`, versionReporting: false } });
    expect(probe.inlineContext['aws:cdk:version-reporting']).toBe(false);
    expect(probe.inlineContext['aws:cdk:disable-version-reporting']).toBe(true);
  });

  it('moves context too large for one environment variable to the overflow file aws-cdk-lib reads', async () => {
    // GIVEN a 200 KiB context value (a large committed lookup result) next to a feature flag
    const probe = await synthProbe({
      'cdk.json': { app: `node ${SCRIPTS}/probe.mjs`, context: { '@aws-cdk/aws-s3:flag': true } },
      'cdk.context.json': { 'probe:big': 'x'.repeat(200 * 1024) },
    });
    // THEN the big entry reaches the app through the file, and the flag stays in the variable
    expect(probe.overflowKeys).toEqual(['probe:big']);
    expect(probe.inlineContext['@aws-cdk/aws-s3:flag']).toBe(true);
    expect(probe.env.CONTEXT_OVERFLOW_LOCATION_ENV).toMatch(/context-overflow\.json$/);
  });

  it('reports a malformed cdk.context.json by file and position', async () => {
    const appDir = await writeFolder({
      'cdk.json': { app: `node ${SCRIPTS}/probe.mjs` },
      'cdk.context.json': '{\n  "a": 1\n  "b": 2\n}',
    });
    await expect(synthesizeApp({ appDir })).rejects.toThrow(/cdk\.context\.json is not valid JSON at line 3, column 3/);
  });
});

describe('splitContext', () => {
  it('keeps small entries inline, smallest first, until the variable would pass 120 KiB', () => {
    const context = { flag: true, medium: 'm'.repeat(90 * 1024), large: 'l'.repeat(100 * 1024) };
    const { inline, overflow } = splitContext(context);
    expect(Object.keys(inline)).toEqual(['flag', 'medium']);
    expect(Object.keys(overflow)).toEqual(['large']);
  });
});
