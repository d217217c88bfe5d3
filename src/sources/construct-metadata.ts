import {
  METADATA_CREATION_STACK,
  METADATA_LOGICAL_ID,
  METADATA_TEMPLATE_FILE,
  type MetadataEntry,
  type MetadataMap,
} from './manifest.js';

/** What the assembly recorded for one construct that became a CloudFormation element. */
export interface ConstructRecord {
  /** Construct path without the leading slash, e.g. `Prod/Data/Bucket/Resource`. */
  constructPath: string;
  logicalId: string | undefined;
  trace: string[] | undefined;
}

/**
 * A stack artifact's construct metadata, split by the template each element lands in.
 *
 * A stack artifact's metadata also covers its nested stacks (aws-cdk-lib collects metadata down to the next
 * top-level stack), so logical ids alone are ambiguous: a nested stack may reuse a parent's logical id. Each
 * stack construct, nested ones included, carries an `aws:cdk:templateFile` entry; an element belongs to the
 * nearest enclosing construct that has one.
 */
export interface StackMetadata {
  /** Template file (relative to the assembly folder) → construct path of the stack that writes it. */
  stackPaths: Map<string, string>;
  /** Template file → logical id → record. */
  byTemplate: Map<string, Map<string, ConstructRecord>>;
  /** Construct path → record, for resources whose template metadata names their path. */
  byPath: Map<string, ConstructRecord>;
}

export function indexStackMetadata(metadata: MetadataMap, topTemplateFile: string): StackMetadata {
  const stackPaths = new Map<string, string>();
  const roots: Array<{ root: string; templateFile: string }> = [];
  for (const [slashedPath, entries] of Object.entries(metadata)) {
    const templateFile = entries.find((entry) => entry.type === METADATA_TEMPLATE_FILE)?.data;
    if (typeof templateFile === 'string') {
      const constructPath = stripSlash(slashedPath);
      stackPaths.set(templateFile, constructPath);
      roots.push({ root: constructPath, templateFile });
    }
  }
  // Assemblies from before `aws:cdk:templateFile` existed: everything is taken to be the top-level stack's.
  if (!stackPaths.has(topTemplateFile)) {
    roots.push({ root: '', templateFile: topTemplateFile });
  }
  // Deepest first, so the nearest enclosing stack wins.
  roots.sort((a, b) => b.root.length - a.root.length);

  const byTemplate = new Map<string, Map<string, ConstructRecord>>();
  const byPath = new Map<string, ConstructRecord>();
  for (const [slashedPath, entries] of Object.entries(metadata)) {
    const record = toRecord(stripSlash(slashedPath), entries);
    byPath.set(record.constructPath, record);
    if (record.logicalId === undefined) {
      continue;
    }
    const owner = roots.find(({ root }) => isWithin(record.constructPath, root));
    if (owner) {
      const records = byTemplate.get(owner.templateFile) ?? new Map<string, ConstructRecord>();
      records.set(record.logicalId, record);
      byTemplate.set(owner.templateFile, records);
    }
  }
  return { stackPaths, byTemplate, byPath };
}

function toRecord(constructPath: string, entries: MetadataEntry[]): ConstructRecord {
  const logicalIdEntry = entries.find((entry) => entry.type === METADATA_LOGICAL_ID);
  const creationStack = entries.find((entry) => entry.type === METADATA_CREATION_STACK)?.data;
  // aws-cdk-lib 2.276 writes the creation stack as its own entry; older versions attached it as the trace of
  // the logical-id entry.
  const trace = isStringArray(creationStack) ? creationStack : logicalIdEntry?.trace;
  const logicalId = typeof logicalIdEntry?.data === 'string' ? logicalIdEntry.data : undefined;
  return { constructPath, logicalId, trace };
}

function isWithin(constructPath: string, root: string): boolean {
  return root === '' || constructPath === root || constructPath.startsWith(`${root}/`);
}

function stripSlash(slashedPath: string): string {
  return slashedPath.replace(/^\//, '');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
