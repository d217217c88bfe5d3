/**
 * Repository trees the handler tests serve as tarballs. The CDK app in them "synthesizes" by copying the shop
 * example's committed assembly (examples/shop/base.cdk.out or head.cdk.out), so the review is the shop
 * example's real review (three blocking changes) at the speed of a file copy.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tree } from './files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const COPY_SCRIPT = readFileSync(path.join(ROOT, 'test/fixtures/github/copy-assembly.mjs'), 'utf8');

function filesUnder(dir: string, prefix: string): Tree {
  const tree: Tree = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(tree, filesUnder(full, `${prefix}${name}/`));
    else tree[`${prefix}${name}`] = readFileSync(full);
  }
  return tree;
}

/** The shop app at `side`, in `folder` of the repository. */
export function shopRepo(side: 'base' | 'head', folder = 'infra'): Tree {
  const at = folder === '.' ? '' : `${folder}/`;
  return {
    'README.md': '# Hello-World\n',
    [`${at}cdk.json`]: { app: 'node copy-assembly.mjs' },
    [`${at}copy-assembly.mjs`]: COPY_SCRIPT,
    ...filesUnder(path.join(ROOT, `examples/shop/${side}.cdk.out`), `${at}assembly/`),
    ...filesUnder(path.join(ROOT, `examples/shop/${side}/lib`), `${at}lib/`),
  };
}

/** An app whose synth runs `command` (a failing or hanging app). */
export function commandRepo(command: string, folder = 'infra'): Tree {
  return { 'README.md': '# Hello-World\n', [`${folder}/cdk.json`]: { app: command } };
}
