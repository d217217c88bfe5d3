// @ts-check
/**
 * The benchmark's floor: the least any review must do. For every stack of two cloud assemblies: read both
 * templates, JSON.parse them, run `fullDiff` from @aws-cdk/cloudformation-diff. Nothing else.
 *
 *   node bench/floor.mjs <base assembly> <head assembly>
 *
 * Plain JavaScript on purpose: stackguard runs compiled JavaScript, so the floor must not pay for a TypeScript
 * loader (tsx) that stackguard does not pay for; that would flatter the ratio. It prints one JSON line with
 * the counts, so the harness can check the floor saw the same stacks.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fullDiff } from '@aws-cdk/cloudformation-diff';

const [baseDir, headDir] = process.argv.slice(2);
if (!baseDir || !headDir) {
  console.error('usage: node bench/floor.mjs <base assembly> <head assembly>');
  process.exit(2);
}

/**
 * Stack name → template file, from the assembly's manifest (the only way to pair templates as stackguard does).
 * @param {string} dir
 * @returns {Map<string, string>}
 */
function stackTemplates(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const templates = new Map();
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      templates.set(artifact.properties?.stackName ?? id, path.join(dir, artifact.properties.templateFile));
    }
  }
  return templates;
}

/** A stack missing on one side is diffed against an empty template: all creates, or all deletes. */
const readTemplate = (/** @type {string | undefined} */ file) =>
  file === undefined ? {} : JSON.parse(readFileSync(file, 'utf8'));

const base = stackTemplates(baseDir);
const head = stackTemplates(headDir);
let stacks = 0;
let differences = 0;
for (const name of new Set([...base.keys(), ...head.keys()])) {
  const diff = fullDiff(readTemplate(base.get(name)), readTemplate(head.get(name)));
  differences += diff.resources.differenceCount;
  stacks++;
}
console.log(JSON.stringify({ stacks, differences }));
