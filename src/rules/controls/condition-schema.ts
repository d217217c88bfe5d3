/**
 * The zod schema of the condition language (documented in docs/controls.md). A condition is one strict object with
 * every possible key optional, plus a refinement that it has exactly one kind and the keys that kind allows:
 * this gives authors "path Bucket: say what a missing value means" instead of a union's "invalid input".
 */

import { z } from 'zod';
import { PREDICATES } from '../../core/controls/predicates/index.js';
import { type Condition, RESOURCE_ATTRIBUTES, STRUCTURAL_KEYS, VALUE_TEST_KEYS } from '../../core/controls/types.js';

export const resourceTypeSchema = z
  .string()
  .regex(/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'must be a CloudFormation resource type such as AWS::S3::Bucket');
const typeOrTypes = z.union([resourceTypeSchema, z.array(resourceTypeSchema).min(1)]);
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const missing = z.enum(['pass', 'fail', 'unknown']);
const path = z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a dotted property path such as PublicAccessBlockConfiguration.BlockPublicAcls');

const KINDS = [...STRUCTURAL_KEYS, ...VALUE_TEST_KEYS] as const;

function checkShape(c: Condition, ctx: z.RefinementCtx): void {
  const kinds = KINDS.filter((k) => c[k] !== undefined);
  const issue = (message: string, at: PropertyKey[] = []) => ctx.addIssue({ code: 'custom', message, path: at });
  if (kinds.length !== 1) {
    issue(`a condition needs exactly one of ${KINDS.join(', ')}${kinds.length ? ` (found ${kinds.join(', ')})` : ''}`);
    return;
  }
  const kind = kinds[0]!;
  const isValueTest = (VALUE_TEST_KEYS as readonly string[]).includes(kind);
  if (!isValueTest) {
    for (const key of ['path', 'attribute', 'missing', 'params'] as const) {
      if (c[key] !== undefined) issue(`${key} belongs to value tests, not to ${kind}`, [key]);
    }
    return;
  }
  if (c.path !== undefined && c.attribute !== undefined) issue('give path or attribute, not both', ['attribute']);
  const subject = c.path ?? c.attribute;
  if (kind === 'exists') {
    if (c.missing !== undefined) issue('exists is itself the test for a missing value: drop missing', ['missing']);
  } else if (subject !== undefined && c.missing === undefined) {
    issue(`say what a missing ${subject} means: missing: pass, fail or unknown`, ['missing']);
  } else if (subject === undefined && c.missing !== undefined) {
    issue('missing applies to a path or attribute; this test has neither', ['missing']);
  }
  if (c.params !== undefined && kind !== 'predicate') issue('params belong to predicate', ['params']);
  if (c.predicate !== undefined && !PREDICATES[c.predicate]) {
    issue(`unknown predicate ${c.predicate}; known: ${Object.keys(PREDICATES).join(', ')}`, ['predicate']);
  }
  if (c.matches !== undefined) {
    try {
      new RegExp(c.matches);
    } catch (error) {
      issue(`not a valid regular expression: ${(error as Error).message}`, ['matches']);
    }
  }
}

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      allOf: z.array(conditionSchema).min(1).optional(),
      anyOf: z.array(conditionSchema).min(1).optional(),
      referencedBy: z
        .strictObject({ type: typeOrTypes, path, where: conditionSchema.optional(), atLeast: z.number().int().min(1).optional() })
        .optional(),
      notReferencedBy: z.strictObject({ type: typeOrTypes, path, where: conditionSchema.optional() }).optional(),
      references: z.strictObject({ path, type: typeOrTypes.optional(), missing, where: conditionSchema.optional() }).optional(),
      joinedBy: z
        .strictObject({ type: resourceTypeSchema, on: z.record(path, path).refine((on) => Object.keys(on).length > 0, 'join on at least one path'), where: conditionSchema.optional() })
        .optional(),
      anyResource: z.strictObject({ type: typeOrTypes, where: conditionSchema.optional() }).optional(),
      path: path.optional(),
      attribute: z.enum(RESOURCE_ATTRIBUTES).optional(),
      missing: missing.optional(),
      equals: scalar.optional(),
      notEquals: scalar.optional(),
      in: z.array(scalar).min(1).optional(),
      notIn: z.array(scalar).min(1).optional(),
      matches: z.string().min(1).optional(),
      exists: z.boolean().optional(),
      atLeast: z.number().optional(),
      contains: scalar.optional(),
      predicate: z.string().optional(),
      params: z.record(z.string(), z.unknown()).optional(),
      every: conditionSchema.optional(),
      some: conditionSchema.optional(),
      none: conditionSchema.optional(),
    })
    .superRefine(checkShape),
);

/** Visits every condition in a tree with whether it is evaluated on a resource (true) or on the whole app. */
export function walkConditions(condition: Condition, onResource: boolean, visit: (c: Condition, onResource: boolean) => void): void {
  visit(condition, onResource);
  for (const child of [...(condition.allOf ?? []), ...(condition.anyOf ?? [])]) walkConditions(child, onResource, visit);
  for (const child of [condition.every, condition.some, condition.none]) if (child) walkConditions(child, onResource, visit);
  for (const relation of [condition.referencedBy, condition.notReferencedBy, condition.references, condition.joinedBy]) {
    if (relation?.where) walkConditions(relation.where, true, visit);
  }
  if (condition.anyResource?.where) walkConditions(condition.anyResource.where, true, visit);
}
