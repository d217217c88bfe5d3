/**
 * Probable logical-id changes. When a construct is moved or renamed in CDK, its logical id changes and
 * CloudFormation sees one resource deleted and another created: for a database or a bucket that is data loss
 * dressed up as a refactor. A removed and an added resource of the same type, in the same stack, whose properties
 * are nearly the same, are reported as a probable rename.
 *
 * Renaming a construct renames its children too: an RDS instance's secret, subnet group and security group get new
 * logical ids with it, so the instance's own properties now point at new ids. Comparing text alone would miss it.
 * Pairing is therefore structural and repeated until nothing changes: a reference (Ref, Fn::GetAtt, Fn::Sub,
 * DependsOn) to a resource already paired counts as equal on both sides, so each round can pair the resources that
 * refer to the previous round's pairs. A small child whose own text changed with the name (a subnet group's
 * description that says "for Db") is paired through its parent instead: when a renamed pair refers, at the same
 * property path, to a removed and an added resource of the same type, those two are a rename too.
 */

import type { ClassifiedChange } from './classify-resource.js';
import { collectReferences } from './references.js';
import { propertyLeaves, type RenameTokens } from './rename-leaves.js';

/** Share of identical property leaves (Jaccard index) from which a delete + create pair reads as a rename. */
export const RENAME_SIMILARITY = 0.75;

/** Above this many candidate pairs for one type, only exact matches are considered (keeps big diffs linear-ish). */
const MAX_PAIRS_PER_TYPE = 10_000;

/**
 * Types CDK re-creates under a new logical id by design (`fn.currentVersion`, a RestApi's deployment): a new id
 * there is how a change ships, not a rename to undo.
 */
const REPLACED_BY_NEW_ID: ReadonlySet<string> = new Set(['AWS::Lambda::Version', 'AWS::ApiGateway::Deployment']);

interface Pairing {
  /** Old logical id → new logical id. */
  oldToNew: Map<string, string>;
  newToOld: Map<string, string>;
  /** Why each old id was paired, for the reason a reviewer reads. */
  evidence: Map<string, string>;
  /** A token for an unpaired removed (or added) resource: its type, so such references match across the sides. */
  removedType(logicalId: string): string | undefined;
  addedType(logicalId: string): string | undefined;
}

export function detectRenames(changes: Iterable<ClassifiedChange>): void {
  const removed = new Map<string, ClassifiedChange[]>();
  const added = new Map<string, ClassifiedChange[]>();
  for (const change of changes) {
    const { action, resourceType } = change.report;
    if (REPLACED_BY_NEW_ID.has(resourceType)) continue;
    if (action === 'delete' || action === 'orphan') push(removed, resourceType, change);
    else if (action === 'create') push(added, resourceType, change);
  }
  const byId = new Map([...removed.values(), ...added.values()].flat().map((c) => [c.report.logicalId, c]));
  const typeToken = (id: string, wanted: (c: ClassifiedChange) => boolean): string | undefined => {
    const change = byId.get(id);
    return change && wanted(change) ? `unpaired:${change.report.resourceType}` : undefined;
  };
  const pairing: Pairing = {
    oldToNew: new Map(),
    newToOld: new Map(),
    evidence: new Map(),
    removedType: (id) => typeToken(id, isRemoved),
    addedType: (id) => typeToken(id, (c) => c.report.action === 'create'),
  };
  const pair = (oldId: string, newId: string, evidence: string): void => {
    pairing.oldToNew.set(oldId, newId);
    pairing.newToOld.set(newId, oldId);
    pairing.evidence.set(oldId, evidence);
  };
  // Each round can only add pairs, and there are at most min(removed, added) of them: the loop ends.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [type, gone] of removed) {
      const fresh = added.get(type);
      if (!fresh) continue;
      for (const [oldChange, newChange, score] of pairRound(gone, fresh, pairing)) {
        pair(oldChange.report.logicalId, newChange.report.logicalId, `same type, ${Math.round(score * 100)}% identical properties once renamed references are matched`);
        grew = true;
      }
    }
    for (const [oldId, newId, via] of childPairs(pairing, byId)) {
      pair(oldId, newId, `same type, referred to from the same place by a renamed resource: ${via}`);
      grew = true;
    }
  }
  for (const [oldId, newId] of pairing.oldToNew) markRename(byId.get(oldId)!, byId.get(newId)!, pairing.evidence.get(oldId)!);
}

/**
 * Removed and added resources of one type that a renamed pair refers to at the same property path: the children of
 * a renamed construct. Only unpaired candidates on each side, and only where the path names one target per side.
 */
function childPairs(pairing: Pairing, byId: ReadonlyMap<string, ClassifiedChange>): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  const taken = new Set<string>();
  for (const [oldParent, newParent] of pairing.oldToNew) {
    const before = targetsByPath(byId.get(oldParent)?.base?.Properties);
    const after = targetsByPath(byId.get(newParent)?.head?.Properties);
    for (const [path, oldTargets] of before) {
      const newTargets = after.get(path);
      if (oldTargets.size !== 1 || newTargets?.size !== 1) continue;
      const [oldId] = oldTargets;
      const [newId] = newTargets;
      const oldChild = byId.get(oldId!);
      const newChild = byId.get(newId!);
      if (!oldChild || !newChild || taken.has(oldId!) || taken.has(newId!)) continue;
      if (pairing.oldToNew.has(oldId!) || pairing.newToOld.has(newId!)) continue;
      if (!isRemoved(oldChild) || newChild.report.action !== 'create' || oldChild.report.resourceType !== newChild.report.resourceType) continue;
      taken.add(oldId!).add(newId!);
      found.push([oldId!, newId!, `${path} of ${oldParent} → ${newParent}`]);
    }
  }
  return found;
}

function isRemoved(change: ClassifiedChange): boolean {
  return change.report.action === 'delete' || change.report.action === 'orphan';
}

function targetsByPath(properties: Record<string, unknown> | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [property, value] of Object.entries(properties ?? {})) {
    collectReferences(value, property, (logicalId, path) => {
      const set = out.get(path) ?? new Set<string>();
      set.add(logicalId);
      out.set(path, set);
    });
  }
  return out;
}

/** The pairs one round adds among the not yet paired resources of one type, best score first. */
function pairRound(gone: ClassifiedChange[], fresh: ClassifiedChange[], pairing: Pairing): Array<[ClassifiedChange, ClassifiedChange, number]> {
  const open = gone.filter((c) => !pairing.oldToNew.has(c.report.logicalId));
  const candidatesFresh = fresh.filter((c) => !pairing.newToOld.has(c.report.logicalId));
  if (open.length === 0 || candidatesFresh.length === 0) return [];
  const exactOnly = open.length * candidatesFresh.length > MAX_PAIRS_PER_TYPE;
  // A reference to a removed resource and one to an added resource of the same type also count as equal while they
  // are unpaired: a parent can then be paired before its small children, which are paired through it (childPairs).
  const oldTokens: RenameTokens = (id) => (pairing.oldToNew.has(id) ? `paired:${id}` : pairing.removedType(id) ?? id);
  const newTokens: RenameTokens = (id) => {
    const old = pairing.newToOld.get(id);
    return old === undefined ? (pairing.addedType(id) ?? id) : `paired:${old}`;
  };
  const goneLeaves = open.map((c) => propertyLeaves(c.base, oldTokens));
  const freshLeaves = candidatesFresh.map((c) => propertyLeaves(c.head, newTokens));
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  for (let i = 0; i < open.length; i++) {
    for (let j = 0; j < candidatesFresh.length; j++) {
      const score = exactOnly ? exact(goneLeaves[i]!, freshLeaves[j]!) : similarity(goneLeaves[i]!, freshLeaves[j]!);
      if (score >= RENAME_SIMILARITY) candidates.push({ i, j, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const usedGone = new Set<number>();
  const usedFresh = new Set<number>();
  const pairs: Array<[ClassifiedChange, ClassifiedChange, number]> = [];
  for (const { i, j, score } of candidates) {
    if (usedGone.has(i) || usedFresh.has(j)) continue;
    usedGone.add(i);
    usedFresh.add(j);
    pairs.push([open[i]!, candidatesFresh[j]!, score]);
  }
  return pairs;
}

function markRename(oldChange: ClassifiedChange, newChange: ClassifiedChange, evidence: string): void {
  const oldId = oldChange.report.logicalId;
  const newId = newChange.report.logicalId;
  newChange.report.renamedFrom = oldId;
  oldChange.report.renamedTo = newId;
  newChange.report.reasons.push(`probably a logical-id change of ${oldId} (${evidence}): CloudFormation creates ${newId} as a new resource`);
  oldChange.report.reasons.push(`probably renamed to ${newId}: CloudFormation removes ${oldId} and creates ${newId} from scratch`);
  if (oldChange.report.stateful) {
    // The application moves to the new, empty resource: for it, the data is replaced whatever the old one keeps.
    oldChange.report.downtime = oldChange.report.action === 'delete' ? 'deletion' : 'replacement';
    newChange.report.reasons.push(`${newId} starts empty: the data of ${oldId} does not move with the rename`);
  }
  const advice = [
    `If only the construct id or path changed, keep the logical id ${oldId}: restore the old construct id, or call ` +
      `\`(resource.node.defaultChild as CfnResource).overrideLogicalId('${oldId}')\`, or move it without replacement with \`cdk refactor\`.`,
  ];
  if (oldChange.report.stateful) {
    advice.push(`${oldChange.report.resourceType} is stateful: as written, the stack moves to a new, empty resource and the application loses the data in ${oldId}.`);
  }
  oldChange.report.advice.push(...advice);
  newChange.report.advice.push(...advice);
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
