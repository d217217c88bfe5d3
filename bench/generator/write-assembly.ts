/**
 * Writes stacks as a cloud assembly, laid out as aws-cdk-lib 2.276 lays one out: `manifest.json` (schema
 * version 55.0.0) with one `aws:cloudformation:stack` artifact per stack plus its `cdk:asset-manifest`,
 * `<stack>.template.json` and `<stack>.assets.json`. Construct metadata is written inline in the manifest
 * (`metadata`), the form older aws-cdk-lib versions use and the cloud assembly schema still accepts.
 */

import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject } from './intrinsics.js';
import type { StackModel } from './model.js';

export const MANIFEST_VERSION = '55.0.0';
const QUALIFIER = 'hnb659fds';

/** A role of the default bootstrap stack, as the synthesizer names it. */
const bootstrapRole = (role: string, account: string, region: string): string =>
  `arn:\${AWS::Partition}:iam::${account}:role/cdk-${QUALIFIER}-${role}-${account}-${region}`;

/** CDK pretty-prints templates with a one-space indent. */
const render = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;

export async function writeAssembly(dir: string, stacks: readonly StackModel[]): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const artifacts: Record<string, JsonObject> = {};
  for (const stack of stacks) {
    const templateFile = `${stack.stackName}.template.json`;
    const templateText = render(stack.template);
    const templateHash = createHash('sha256').update(templateText).digest('hex');
    const [account, region] = stack.environment.replace('aws://', '').split('/') as [string, string];
    await writeFile(path.join(dir, templateFile), templateText);
    const assets = assetManifest(templateFile, templateHash, account, region);
    await writeFile(path.join(dir, `${stack.stackName}.assets.json`), render(assets));
    artifacts[`${stack.stackName}.assets`] = {
      type: 'cdk:asset-manifest',
      properties: {
        file: `${stack.stackName}.assets.json`,
        requiresBootstrapStackVersion: 6,
        bootstrapStackVersionSsmParameter: `/cdk-bootstrap/${QUALIFIER}/version`,
      },
    };
    artifacts[stack.stackName] = {
      type: 'aws:cloudformation:stack',
      environment: stack.environment,
      properties: {
        templateFile,
        terminationProtection: true,
        validateOnSynth: false,
        assumeRoleArn: bootstrapRole('deploy-role', account, region),
        cloudFormationExecutionRoleArn: bootstrapRole('cfn-exec-role', account, region),
        stackTemplateAssetObjectUrl: `s3://cdk-${QUALIFIER}-assets-${account}-${region}/${templateHash}.json`,
        requiresBootstrapStackVersion: 6,
        bootstrapStackVersionSsmParameter: `/cdk-bootstrap/${QUALIFIER}/version`,
        additionalDependencies: [`${stack.stackName}.assets`],
      },
      dependencies: [`${stack.stackName}.assets`],
      metadata: stack.metadata as unknown as JsonObject,
      displayName: stack.stackName,
    };
  }
  await writeFile(path.join(dir, 'manifest.json'), render({ version: MANIFEST_VERSION, artifacts }));
}

function assetManifest(templateFile: string, templateHash: string, account: string, region: string): JsonObject {
  return {
    version: MANIFEST_VERSION,
    files: {
      [templateHash]: {
        displayName: `${templateFile} Template`,
        source: { path: templateFile, packaging: 'file' },
        destinations: {
          [`${account}-${region}`]: {
            bucketName: `cdk-${QUALIFIER}-assets-${account}-${region}`,
            objectKey: `${templateHash}.json`,
            assumeRoleArn: bootstrapRole('file-publishing-role', account, region),
          },
        },
      },
    },
    dockerImages: {},
  };
}
