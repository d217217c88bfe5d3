/**
 * Matches the stacks of two sides by name. A stack only in head is all creates; a stack only in base is reported
 * removed. Nested stacks are matched under their parent by the logical id of their AWS::CloudFormation::Stack
 * resource, and reviewed as stacks of their own named "Parent/LogicalId".
 */

import type { CfnTemplate, ResourceOrigin, StackInput } from './template.js';

/** One stack of one side, as the source readers load it (structurally the same as src/sources' LoadedStack). */
export interface SideStack {
  stackName: string;
  template: CfnTemplate;
  origins: Record<string, ResourceOrigin>;
  nested: Array<{ logicalId: string; stack: SideStack }>;
  /** Notes about this side's stack (a deployed stack's status, for instance). */
  notes?: string[];
  /** The change set CloudFormation made for this stack, when the baseline made one (on the base side). */
  changeSet?: StackInput['changeSet'];
  /** Account and region, when the assembly names them: one stack name may be deployed to several. */
  environment?: { account: string; region: string } | null;
}

const NESTED_REMOVED =
  'This nested stack is removed with its AWS::CloudFormation::Stack resource: CloudFormation deletes every resource in it.';

export function pairStacks(base: readonly SideStack[], head: readonly SideStack[]): StackInput[] {
  const out: StackInput[] = [];
  // The same stack name in two environments (eu-west-1 and us-east-1, say) is two stacks: key those by environment.
  const repeated = repeatedNames([...base, ...head]);
  const key = (s: SideStack): string => (repeated.has(s.stackName) ? `${s.stackName} (${environmentOf(s)})` : s.stackName);
  const baseByKey = new Map(base.map((s) => [key(s), s]));
  const headKeys = new Set(head.map(key));
  for (const stack of head) pairOne(key(stack), baseByKey.get(key(stack)), stack, undefined, out);
  for (const stack of base) if (!headKeys.has(key(stack))) pairOne(key(stack), stack, undefined, undefined, out);
  return out;
}

function repeatedNames(stacks: readonly SideStack[]): Set<string> {
  const environments = new Map<string, Set<string>>();
  for (const s of stacks) {
    const seen = environments.get(s.stackName) ?? new Set<string>();
    seen.add(environmentOf(s));
    environments.set(s.stackName, seen);
  }
  return new Set([...environments].filter(([, envs]) => envs.size > 1).map(([name]) => name));
}

function environmentOf(stack: SideStack): string {
  return stack.environment ? `${stack.environment.account}/${stack.environment.region}` : 'unknown environment';
}

function pairOne(name: string, base: SideStack | undefined, head: SideStack | undefined, parent: string | undefined, out: StackInput[]): void {
  out.push({
    stackName: name,
    parentStack: parent,
    base: base?.template,
    head: head?.template,
    // Origins describe where resources come from in the code: the head's, falling back to the base's for deletions.
    origins: { ...base?.origins, ...head?.origins },
    notes: [...(base?.notes ?? []), ...(head?.notes ?? [])],
    changeSet: base?.changeSet,
  });
  const baseNested = new Map((base?.nested ?? []).map((n) => [n.logicalId, n.stack]));
  const headNested = new Map((head?.nested ?? []).map((n) => [n.logicalId, n.stack]));
  if (head === undefined) return; // a removed top-level stack keeps running, nested stacks included
  for (const id of new Set([...headNested.keys(), ...baseNested.keys()])) {
    const child = headNested.get(id);
    if (child) {
      pairOne(`${name}/${id}`, baseNested.get(id), child, name, out);
    } else {
      // Deleting the AWS::CloudFormation::Stack resource deletes everything in the nested stack: list it.
      const gone = baseNested.get(id)!;
      pairOne(`${name}/${id}`, gone, { ...gone, template: { Resources: {} }, nested: [], notes: [NESTED_REMOVED] }, name, out);
    }
  }
}
