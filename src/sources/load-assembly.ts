import path from 'node:path';
import { fileInside } from './inside-folder.js';
import { StackguardInputError } from '../errors.js';
import { indexStackMetadata } from './construct-metadata.js';
import type { SourceResolver } from './creation-stack.js';
import type { LoadedStack } from './loaded-side.js';
import { loadStack } from './load-stack.js';
import {
  ARTIFACT_NESTED_ASSEMBLY,
  ARTIFACT_STACK,
  metadataMapSchema,
  parseEnvironment,
  readManifest,
  validate,
  type ManifestArtifact,
  type MetadataMap,
} from './manifest.js';
import { readJsonFile } from './read-json.js';

const STEP = 'read assembly';

/**
 * Reads every stack of a cloud assembly, in manifest order, following the nested cloud assemblies that
 * Stages synthesize into (artifact type `cdk:cloud-assembly`).
 */
export async function loadAssembly(dir: string, resolveSource: SourceResolver, inStage = false, root = dir): Promise<LoadedStack[]> {
  const manifest = await readManifest(dir, STEP);
  const stacks: LoadedStack[] = [];
  for (const [artifactId, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === ARTIFACT_STACK) {
      stacks.push(await loadStackArtifact(dir, artifactId, artifact, resolveSource, inStage, root));
    } else if (artifact.type === ARTIFACT_NESTED_ASSEMBLY) {
      const directoryName = artifact.properties?.directoryName;
      if (directoryName === undefined) {
        throw invalid(dir, `artifact ${artifactId} is a nested cloud assembly without properties.directoryName`);
      }
      const nestedDir = fileInside(root, dir, directoryName, `artifact ${artifactId}: directoryName`, STEP);
      stacks.push(...(await loadAssembly(nestedDir, resolveSource, true, root)));
    }
  }
  return stacks;
}

async function loadStackArtifact(
  dir: string,
  artifactId: string,
  artifact: ManifestArtifact,
  resolveSource: SourceResolver,
  inStage: boolean,
  root: string,
): Promise<LoadedStack> {
  const templateFile = artifact.properties?.templateFile;
  if (templateFile === undefined) {
    throw invalid(dir, `stack artifact ${artifactId} has no properties.templateFile`);
  }
  fileInside(root, dir, templateFile, `stack artifact ${artifactId}: templateFile`, STEP);
  const stackName = artifact.properties?.stackName ?? artifactId;
  const metadata = indexStackMetadata(await readArtifactMetadata(dir, artifact, root), templateFile);
  return loadStack({
    dir,
    templateFile,
    stackName,
    // In a Stage the manifest's display name is the stack's construct path, `Prod/Data`.
    displayName: inStage ? (artifact.displayName ?? artifact.properties?.displayName ?? stackName) : stackName,
    environment: parseEnvironment(artifact.environment),
    metadata,
    resolveSource,
    step: STEP,
  });
}

/** Metadata sits in the manifest (older aws-cdk-lib) and/or in the artifact's `additionalMetadataFile`. */
async function readArtifactMetadata(dir: string, artifact: ManifestArtifact, root: string): Promise<MetadataMap> {
  const inline = artifact.metadata ?? {};
  if (artifact.additionalMetadataFile === undefined) {
    return inline;
  }
  const file = fileInside(root, dir, artifact.additionalMetadataFile, 'additionalMetadataFile', STEP);
  const json = await readJsonFile(file, STEP, 'stack metadata file');
  return { ...inline, ...validate(metadataMapSchema, json, file, 'stack metadata file', STEP) };
}

function invalid(dir: string, problem: string): StackguardInputError {
  return new StackguardInputError(`${path.join(dir, 'manifest.json')} is not a valid cloud assembly manifest: ${problem}.`, STEP);
}
