/**
 * Paths a cloud assembly names (templates, metadata files, nested assemblies, nested templates) must stay inside
 * the assembly. A manifest is input: in the App's actions mode it comes from a pull request's workflow artifact, so
 * `"templateFile": "../../etc/x.json"` or an absolute path would make the App read (and quote in the check) files
 * of its own host. `cdk synth` never writes such paths, so they are refused.
 */

import path from 'node:path';
import { StackguardInputError } from '../errors.js';

export function fileInside(root: string, dir: string, relative: string, what: string, step: string): string {
  const resolvedRoot = path.resolve(root);
  const resolved = path.resolve(dir, relative);
  const fromRoot = path.relative(resolvedRoot, resolved);
  if (path.isAbsolute(relative) || fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    throw new StackguardInputError(
      `${what} ${JSON.stringify(relative)} points outside the cloud assembly ${root}: an assembly names only files inside it.`,
      step,
    );
  }
  return resolved;
}
