/**
 * Probable logical-id changes. When a construct is moved or renamed in CDK, its logical id changes and
 * CloudFormation sees one resource deleted and another created: for a database or a bucket that is data loss
 * dressed up as a refactor. A removed and an added resource of the same type, in the same stack, whose properties
 * are nearly the same, are reported as a probable rename.
 */

import type { ClassifiedChange } from './classify-resource.js';

/** Share of identical property leaves (Jaccard index) from which a delete + create pair reads as a rename. */
export const RENAME_SIMILARITY = 0.75;

/** Above this many candidate pairs for one type, only exact matches are considered (keeps big diffs linear-ish). */
const MAX_PAIRS_PER_TYPE = 10_000;

/**
 * Types CDK re-creates under a new logical id by design (`fn.currentVersion`, a RestApi's deployment): a new id
 * there is how a change ships, not a rename to undo.
 */
const REPLACED_BY_NEW_ID: ReadonlySet<string> = new Set(['AWS::Lambda::Version', 'AWS::ApiGateway::Deployment']);

export function detectRenames(changes: Iterable<ClassifiedChange>): void {
  const removed = new Map<string, ClassifiedChange[]>();
  const added = new Map<string, ClassifiedChange[]>();
  for (const change of changes) {
    const { action, resourceType } = change.report;
    if (REPLACED_BY_NEW_ID.has(resourceType)) continue;
    if (action === 'delete' || action === 'orphan') push(removed, resourceType, change);
    else if (action === 'create') push(added, resourceType, change);
  }
  for (const [type, gone] of removed) {
    const fresh = added.get(type);
    if (fresh) pairUp(gone, fresh);
  }
}

function pairUp(gone: ClassifiedChange[], fresh: ClassifiedChange[]): void {
  const exactOnly = gone.length * fresh.length > MAX_PAIRS_PER_TYPE;
  const goneLeaves = gone.map((c) => leaves(c.base?.Properties));
  const freshLeaves = fresh.map((c) => leaves(c.head?.Properties));
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  for (let i = 0; i < gone.length; i++) {
    for (let j = 0; j < fresh.length; j++) {
      const score = exactOnly ? exact(goneLeaves[i]!, freshLeaves[j]!) : similarity(goneLeaves[i]!, freshLeaves[j]!);
      if (score >= RENAME_SIMILARITY) candidates.push({ i, j, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const usedGone = new Set<number>();
  const usedFresh = new Set<number>();
  for (const { i, j, score } of candidates) {
    if (usedGone.has(i) || usedFresh.has(j)) continue;
    usedGone.add(i);
    usedFresh.add(j);
    markRename(gone[i]!, fresh[j]!, score);
  }
}

function markRename(oldChange: ClassifiedChange, newChange: ClassifiedChange, score: number): void {
  const oldId = oldChange.report.logicalId;
  const newId = newChange.report.logicalId;
  const percent = Math.round(score * 100);
  newChange.report.renamedFrom = oldId;
  newChange.report.reasons.push(
    `probably a logical-id change of ${oldId} (same type, ${percent}% identical properties): CloudFormation creates ${newId} as a new resource`,
  );
  oldChange.report.reasons.push(`probably renamed to ${newId}: CloudFormation deletes ${oldId} and creates ${newId} from scratch`);
  const advice = [
    `If only the construct id or path changed, keep the logical id ${oldId}: restore the old construct id, or call ` +
      `\`(resource.node.defaultChild as CfnResource).overrideLogicalId('${oldId}')\`, or move it without replacement with \`cdk refactor\`.`,
  ];
  if (oldChange.report.stateful) {
    advice.push(`${oldChange.report.resourceType} is stateful: as written, this PR loses the data in ${oldId}.`);
  }
  oldChange.report.advice.push(...advice);
  newChange.report.advice.push(...advice);
}

/** Property leaves as "path=value" strings: a cheap, order-independent fingerprint. */
function leaves(properties: Record<string, unknown> | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      if (entries.length === 0) out.add(`${path}=${Array.isArray(value) ? '[]' : '{}'}`);
      for (const [key, child] of entries) walk(child, `${path}.${key}`);
    } else {
      out.add(`${path}=${JSON.stringify(value)}`);
    }
  };
  walk(properties ?? {}, '');
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const leaf of a) if (b.has(leaf)) shared++;
  return shared / (a.size + b.size - shared);
}

function exact(a: Set<string>, b: Set<string>): number {
  return a.size === b.size && similarity(a, b) === 1 ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
