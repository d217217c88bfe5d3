import { existsSync } from 'node:fs';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import { isJsonObject, readJsonFile } from './read-json.js';

const STEP = 'synth';

export interface CdkAppConfig {
  /** The `app` command line from cdk.json. */
  app: string;
  /** The optional `build` command cdk.json may give, run before `app` as the CDK CLI does. */
  build: string | undefined;
  /** The context to hand to the app: see `mergeContext`. */
  context: Record<string, unknown>;
}

/**
 * Reads `<appDir>/cdk.json` and `<appDir>/cdk.context.json` and merges the context the way the CDK CLI does
 * (aws-cdk-cli: `Configuration.load`, then `execProgram`): cdk.json's `context` wins over cdk.context.json,
 * objects are merged key by key, and the CLI's own settings are applied last. The user's `~/.cdk.json` is
 * not read: the home folder of the machine running stackguard is not part of the reviewed repository.
 */
export async function readCdkAppConfig(appDir: string): Promise<CdkAppConfig> {
  const cdkJsonFile = path.join(appDir, 'cdk.json');
  if (!existsSync(cdkJsonFile)) {
    throw new StackguardInputError(`${appDir} has no cdk.json, so there is no CDK app to synthesize.`, STEP);
  }
  const cdkJson = await readJsonFile(cdkJsonFile, STEP, 'CDK app configuration');
  if (!isJsonObject(cdkJson)) {
    throw new StackguardInputError(`${cdkJsonFile} must contain a JSON object.`, STEP);
  }
  const app = Array.isArray(cdkJson.app) ? cdkJson.app.join(' ') : cdkJson.app;
  if (typeof app !== 'string' || app.trim() === '') {
    throw new StackguardInputError(
      `${cdkJsonFile} has no "app" command (for example "app": "npx ts-node bin/app.ts").`,
      STEP,
    );
  }
  if (cdkJson.build !== undefined && typeof cdkJson.build !== 'string') {
    throw new StackguardInputError(`${cdkJsonFile}: "build" must be a command line.`, STEP);
  }

  const projectContext = await readContextFile(path.join(appDir, 'cdk.context.json'));
  const configContext = cdkJson.context ?? {};
  if (!isJsonObject(configContext)) {
    throw new StackguardInputError(`${cdkJsonFile}: "context" must be an object.`, STEP);
  }
  return {
    app,
    build: cdkJson.build,
    context: mergeContext(projectContext, configContext, stackguardContext(cdkJson)),
  };
}

async function readContextFile(file: string): Promise<Record<string, unknown>> {
  if (!existsSync(file)) {
    return {};
  }
  const json = await readJsonFile(file, STEP, 'context file');
  if (!isJsonObject(json)) {
    throw new StackguardInputError(`${file} must contain a JSON object.`, STEP);
  }
  return json;
}

/**
 * What stackguard sets on top, like the CLI's settings context: path and asset metadata on (the reviewer needs
 * construct paths and nested templates), and creation stacks and logical-id metadata forced on even when the
 * project turned them off for speed, since they are how a change is traced back to a line of code.
 * Version reporting follows cdk.json's `versionReporting`, as with the CLI, so templates match a CLI deploy.
 */
function stackguardContext(cdkJson: Record<string, unknown>): Record<string, unknown> {
  const versionReporting = cdkJson.versionReporting !== false;
  return {
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:disable-creation-stack-traces': false,
    'aws:cdk:disable-logicalId-metadata': false,
    'aws:cdk:version-reporting': versionReporting,
    ...(versionReporting ? {} : { 'aws:cdk:disable-version-reporting': true }),
  };
}

/** Deep merge of plain objects, later arguments winning; arrays and other values are replaced whole. */
export function mergeContext(...layers: Array<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    mergeInto(merged, layer);
  }
  return merged;
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    // cdk.json comes from the pull request: never let it reach an object's prototype.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      continue;
    }
    if (isJsonObject(value)) {
      const existing = target[key];
      const into = isJsonObject(existing) ? existing : {};
      mergeInto(into, value);
      target[key] = into;
    } else if (value !== undefined) {
      target[key] = value;
    }
  }
}
