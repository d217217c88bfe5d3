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
}

const NESTED_REMOVED =
  'This nested stack is removed with its AWS::CloudFormation::Stack resource: CloudFormation deletes every resource in it.';

export function pairStacks(base: readonly SideStack[], head: readonly SideStack[]): StackInput[] {
  const out: StackInput[] = [];
  const baseByName = new Map(base.map((s) => [s.stackName, s]));
  const headNames = new Set(head.map((s) => s.stackName));
  for (const stack of head) pairOne(stack.stackName, baseByName.get(stack.stackName), stack, undefined, out);
  for (const stack of base) if (!headNames.has(stack.stackName)) pairOne(stack.stackName, stack, undefined, undefined, out);
  return out;
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
