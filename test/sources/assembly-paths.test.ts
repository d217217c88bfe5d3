/**
 * A manifest is input (in actions mode it comes from a pull request's workflow artifact): the files it names must
 * stay inside the assembly, or the App would read, and quote, files of its own host.
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSide } from '../../src/sources/load-side.js';
import { inputError, removeTempDirs, tempDir, writeFolder } from './helpers.js';

afterAll(removeTempDirs);

const stack = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: '55.0.0',
  artifacts: { Api: { type: 'aws:cloudformation:stack', environment: 'aws://111111111111/eu-west-1', properties, ...extra } },
});

describe('paths a cloud assembly names stay inside it', () => {
  it('refuses a templateFile that climbs out of the assembly, and an absolute one', async () => {
    const outside = await tempDir();
    writeFileSync(path.join(outside, 'secret.json'), JSON.stringify({ Resources: { Leaked: { Type: 'AWS::SQS::Queue' } } }));
    const climbing = await writeFolder({ 'manifest.json': stack({ templateFile: path.relative('/', path.join(outside, 'secret.json')).replace(/^/, '../'.repeat(12)) }) });
    expect((await inputError(loadSide(climbing), 'read assembly')).message).toMatch(/templateFile .* points outside the cloud assembly/);
    const absolute = await writeFolder({ 'manifest.json': stack({ templateFile: path.join(outside, 'secret.json') }) });
    expect((await inputError(loadSide(absolute), 'read assembly')).message).toMatch(/points outside the cloud assembly/);
  });

  it('refuses a metadata file or a nested assembly outside it', async () => {
    const metadata = await writeFolder({
      'manifest.json': stack({ templateFile: 'Api.template.json' }, { additionalMetadataFile: '../../../proc/self/environ' }),
      'Api.template.json': { Resources: {} },
    });
    expect((await inputError(loadSide(metadata), 'read assembly')).message).toMatch(/additionalMetadataFile .* points outside/);
    const nested = await writeFolder({
      'manifest.json': { version: '55.0.0', artifacts: { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: '../elsewhere' } } } },
    });
    expect((await inputError(loadSide(nested), 'read assembly')).message).toMatch(/directoryName .* points outside/);
  });

  it('refuses a nested stack template outside the assembly', async () => {
    const dir = await writeFolder({
      'manifest.json': stack({ templateFile: 'Api.template.json' }),
      'Api.template.json': { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': '../../etc/hosts' } } } },
    });
    expect((await inputError(loadSide(dir), 'read assembly')).message).toMatch(/nested stack Api\/Child: its template .* points outside/);
  });
});
