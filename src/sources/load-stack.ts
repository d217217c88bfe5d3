import { fileInside } from './inside-folder.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import type { StackMetadata } from './construct-metadata.js';
import type { SourceResolver } from './creation-stack.js';
import type { LoadedStack } from './loaded-side.js';
import { buildOrigins } from './origins.js';
import { readTemplate } from './read-template.js';

/** Where aws-cdk-lib records, on a nested stack's `AWS::CloudFormation::Stack` resource, its template file. */
const ASSET_PATH_METADATA = 'aws:asset:path';
const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

export interface StackToLoad {
  /** The folder holding the template and the templates of its nested stacks. */
  dir: string;
  /** File name relative to `dir`. */
  templateFile: string;
  stackName: string;
  displayName: string;
  environment: LoadedStack['environment'];
  /** The stack artifact's construct metadata (it covers nested stacks too); null for a templates folder. */
  metadata: StackMetadata | null;
  resolveSource: SourceResolver;
  step: string;
}

/** Reads a stack's template, its resources' origins and, recursively, its nested stacks. */
export async function loadStack(spec: StackToLoad, ancestors: readonly string[] = []): Promise<LoadedStack> {
  const template = await readTemplate(path.join(spec.dir, spec.templateFile), spec.step);
  const origins = buildOrigins(
    template,
    spec.metadata?.byTemplate.get(spec.templateFile),
    spec.metadata?.byPath,
    spec.resolveSource,
  );

  const nested: LoadedStack['nested'] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const nestedFile = resource.Metadata?.[ASSET_PATH_METADATA];
    // A nested stack whose template is not in the folder (a TemplateURL of its own) has no asset path.
    if (resource.Type !== NESTED_STACK_TYPE || typeof nestedFile !== 'string') {
      continue;
    }
    const where = `${spec.displayName}/${logicalId}`;
    fileInside(spec.dir, spec.dir, nestedFile, `the nested stack ${where}: its template`, spec.step);
    if (!existsSync(path.join(spec.dir, nestedFile))) {
      throw new StackguardInputError(
        `The nested stack ${where} names its template ${nestedFile}, but ${path.join(spec.dir, nestedFile)} does not exist.`,
        spec.step,
      );
    }
    const chain = [...ancestors, spec.templateFile];
    if (chain.includes(nestedFile)) {
      throw new StackguardInputError(`The nested stack ${where} includes its own ancestor ${nestedFile}.`, spec.step);
    }
    const stack = await loadStack(
      {
        ...spec,
        templateFile: nestedFile,
        // A deployed nested stack gets a generated name; parent and logical id identify it on both sides.
        stackName: `${spec.stackName}/${logicalId}`,
        displayName: `${spec.displayName}/${nestedConstructId(spec, nestedFile) ?? logicalId}`,
      },
      chain,
    );
    nested.push({ logicalId, stack });
  }

  return {
    stackName: spec.stackName,
    displayName: spec.displayName,
    template,
    origins,
    environment: spec.environment,
    nested,
  };
}

/** The nested stack's construct path below its parent's (`Search` for `Prod/Data/Search`), when recorded. */
function nestedConstructId(parent: StackToLoad, nestedFile: string): string | undefined {
  const parentPath = parent.metadata?.stackPaths.get(parent.templateFile);
  const nestedPath = parent.metadata?.stackPaths.get(nestedFile);
  if (parentPath === undefined || nestedPath === undefined || !nestedPath.startsWith(`${parentPath}/`)) {
    return undefined;
  }
  return nestedPath.slice(parentPath.length + 1);
}
