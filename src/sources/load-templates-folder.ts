import { readdir } from 'node:fs/promises';
import type { SourceResolver } from './creation-stack.js';
import type { LoadedStack } from './loaded-side.js';
import { loadStack } from './load-stack.js';

const TEMPLATE_SUFFIX = '.template.json';
const NESTED_SUFFIX = '.nested.template.json';

/**
 * The top-level templates of a folder: every `<StackName>.template.json`, by file name. Nested templates
 * (`*.nested.template.json`) are only read through the parent stack that names them.
 */
export async function topLevelTemplateFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((name) => name.endsWith(TEMPLATE_SUFFIX) && !name.endsWith(NESTED_SUFFIX)).sort();
}

/** Reads a folder of templates, such as `cdk synth` output copied elsewhere or templates exported from AWS. */
export async function loadTemplatesFolder(
  dir: string,
  files: readonly string[],
  resolveSource: SourceResolver,
): Promise<LoadedStack[]> {
  const stacks: LoadedStack[] = [];
  for (const templateFile of files) {
    const stackName = templateFile.slice(0, -TEMPLATE_SUFFIX.length);
    stacks.push(
      await loadStack({
        dir,
        templateFile,
        stackName,
        displayName: stackName,
        environment: null,
        metadata: null,
        resolveSource,
        step: 'read templates',
      }),
    );
  }
  return stacks;
}
