/**
 * Reads a cloud assembly's manifest.json.
 *
 * Read as plain JSON checked by a small zod schema rather than with @aws-cdk/cloud-assembly-schema's
 * `Manifest.loadAssemblyManifest`: stackguard reads assemblies written by whatever aws-cdk-lib version the
 * reviewed repository pins, older (metadata inline in the manifest) or newer than any schema package we could
 * ship. That package validates against its own full JSON schema and version, and would reject an assembly for
 * fields we never read. We read a handful of fields and tolerate everything else; zod is already a dependency.
 */

import path from 'node:path';
import { z } from 'zod';
import { StackguardInputError } from '../errors.js';
import { readJsonFile } from './read-json.js';

/** Artifact types and metadata entry types from the cloud assembly schema that the loader relies on. */
export const ARTIFACT_STACK = 'aws:cloudformation:stack';
export const ARTIFACT_NESTED_ASSEMBLY = 'cdk:cloud-assembly';
export const METADATA_LOGICAL_ID = 'aws:cdk:logicalId';
export const METADATA_CREATION_STACK = 'aws:cdk:creationStack';
export const METADATA_TEMPLATE_FILE = 'aws:cdk:templateFile';

const metadataEntrySchema = z.looseObject({
  type: z.string(),
  data: z.unknown().optional(),
  trace: z.array(z.string()).optional(),
});
export type MetadataEntry = z.infer<typeof metadataEntrySchema>;

/** Construct path (with a leading slash) → entries, as in the manifest and in `<Stack>.metadata.json`. */
export const metadataMapSchema = z.record(z.string(), z.array(metadataEntrySchema));
export type MetadataMap = z.infer<typeof metadataMapSchema>;

const artifactSchema = z.looseObject({
  type: z.string(),
  environment: z.string().optional(),
  displayName: z.string().optional(),
  metadata: metadataMapSchema.optional(),
  additionalMetadataFile: z.string().optional(),
  properties: z
    .looseObject({
      templateFile: z.string().optional(),
      stackName: z.string().optional(),
      directoryName: z.string().optional(),
      displayName: z.string().optional(),
    })
    .optional(),
});
export type ManifestArtifact = z.infer<typeof artifactSchema>;

const manifestSchema = z.looseObject({
  version: z.string(),
  artifacts: z.record(z.string(), artifactSchema).optional(),
  missing: z.array(z.looseObject({ key: z.string(), provider: z.string().optional() })).optional(),
});
export type AssemblyManifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

export async function readManifest(assemblyDir: string, step: string): Promise<AssemblyManifest> {
  const file = path.join(assemblyDir, MANIFEST_FILE);
  const json = await readJsonFile(file, step, 'cloud assembly manifest');
  return validate(manifestSchema, json, file, 'cloud assembly manifest', step);
}

/** Validates parsed JSON, naming the file and the first few offending paths on failure. */
export function validate<T>(schema: z.ZodType<T>, json: unknown, file: string, what: string, step: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) {
    return parsed.data;
  }
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `  ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
  throw new StackguardInputError(`${file} is not a valid ${what}.`, step, problems.join('\n'));
}

/** `aws://123456789012/eu-west-1` → account and region; null when either is the "unknown-…" placeholder. */
export function parseEnvironment(environment: string | undefined): { account: string; region: string } | null {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment ?? '');
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const [account, region] = [match[1], match[2]];
  if (account.startsWith('unknown-') || region.startsWith('unknown-')) {
    return null;
  }
  return { account, region };
}
