import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import { createSourceResolver } from './creation-stack.js';
import { loadAssembly } from './load-assembly.js';
import { loadTemplatesFolder, topLevelTemplateFiles } from './load-templates-folder.js';
import type { LoadedSide } from './loaded-side.js';
import { MANIFEST_FILE } from './manifest.js';

export type { LoadedSide, LoadedStack } from './loaded-side.js';

export interface LoadSideOptions {
  /**
   * The CDK app's folder. Creation-stack frames outside it are not the user's code, and source files are
   * reported relative to it. Default: see `defaultAppDir`.
   */
  appDir?: string;
}

/**
 * Reads one side of a review: a cloud assembly (a folder with manifest.json, as `cdk synth` writes) or a folder
 * of `<StackName>.template.json` files.
 */
export async function loadSide(inputPath: string, options: LoadSideOptions = {}): Promise<LoadedSide> {
  const dir = path.resolve(inputPath);
  await assertFolder(inputPath, dir);
  const appDir = options.appDir !== undefined ? path.resolve(options.appDir) : defaultAppDir(dir);
  const resolveSource = createSourceResolver(appDir);

  if (existsSync(path.join(dir, MANIFEST_FILE))) {
    const stacks = await loadAssembly(dir, resolveSource);
    return { kind: 'assembly', path: dir, description: `cloud assembly ${inputPath}`, stacks };
  }
  const files = await topLevelTemplateFiles(dir);
  if (files.length === 0) {
    throw new StackguardInputError(
      `${inputPath} has neither a ${MANIFEST_FILE} (a cloud assembly) nor any *.template.json file.`,
      'read input',
    );
  }
  const stacks = await loadTemplatesFolder(dir, files, resolveSource);
  return { kind: 'templates', path: dir, description: `templates in ${inputPath}`, stacks };
}

/**
 * Where the app's sources are when the caller does not say. An assembly is usually `<app>/cdk.out`, so the
 * folder containing it is the app when that folder has a cdk.json. Otherwise (an assembly kept elsewhere, such
 * as a committed `examples/shop/base.cdk.out` or a CI artifact) the current directory, normally the repository
 * root: frames then come out repository-relative, as GitHub annotations want them.
 */
export function defaultAppDir(assemblyDir: string): string {
  const parent = path.dirname(assemblyDir);
  return existsSync(path.join(parent, 'cdk.json')) ? parent : process.cwd();
}

async function assertFolder(inputPath: string, dir: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new StackguardInputError(`${inputPath} ${reason}.`, 'read input');
  }
  if (!isDirectory) {
    throw new StackguardInputError(
      `${inputPath} is a file; expected a cloud assembly folder or a folder of *.template.json files.`,
      'read input',
    );
  }
}
