/** `policy`: what makes the check fail. Defaults follow the design: stateful replace/delete and HIGH+ regressions. */

import { z } from 'zod';
import { SEVERITIES } from '../../core/report.js';
import { evenWithFieldProblems, resourceType } from './fields.js';

/** The severity threshold: a Security Hub severity, or `none` to never block on a control regression. */
export const SEVERITY_THRESHOLDS = [...SEVERITIES, 'none'] as const;
export type SeverityThreshold = (typeof SEVERITY_THRESHOLDS)[number];

export const policySchema = z
  .strictObject({
    blockStatefulReplacement: z
      .boolean()
      .default(true)
      .describe('Block when a stateful resource is replaced (a new physical resource; the old one and its data go).'),
    blockStatefulDeletion: z
      .boolean()
      .default(true)
      .describe('Block when a stateful resource is deleted (removed from the template without DeletionPolicy Retain).'),
    blockOrphan: z
      .boolean()
      .default(false)
      .describe(
        'Block when a resource is orphaned: removed from the stack but kept by DeletionPolicy Retain. ' +
          'Default false: a warning, since the data survives.',
      ),
    blockRetainedReplacement: z
      .boolean()
      .default(true)
      .describe(
        'Block a stateful replacement also when UpdateReplacePolicy Retain (or RetainExceptOnCreate) keeps the old ' +
          'resource. Default true: the old resource survives outside the stack, but the stack and the application move ' +
          'to a new, empty one. Set false to make it a warning. Snapshot is a plain stateful replacement.',
      ),
    blockConditionalReplacement: z
      .boolean()
      .default(true)
      .describe(
        'Block when a stateful resource may be replaced: a property the CloudFormation spec marks as a conditional ' +
          'replacement changed and no stackguard rule decides it from the values, so CloudFormation decides at deploy time.',
      ),
    blockFailsToDeploy: z
      .boolean()
      .default(true)
      .describe(
        'Block a change whose deployment cannot succeed: a custom-named resource that must be replaced, an update ' +
          'CloudFormation or the service refuses, a change of resource type. The stack update fails and rolls back.',
      ),
    severityThreshold: z
      .enum(SEVERITY_THRESHOLDS, {
        error: `must be one of ${SEVERITY_THRESHOLDS.join(', ')} (upper case, as Security Hub writes them)`,
      })
      .default('HIGH')
      .describe(
        'Lowest severity of a control regression that blocks. `none` turns blocking on control regressions off; ' +
          'they are still reported.',
      ),
    statefulTypes: z
      .array(resourceType)
      .default([])
      .describe('Resource types to treat as stateful in addition to those the CloudFormation spec and rules mark.'),
    notStatefulTypes: z
      .array(resourceType)
      .default([])
      .describe('Resource types never to treat as stateful, even when the spec or a rule marks them stateful.'),
  })
  .superRefine((policy, ctx) => {
    if (!Array.isArray(policy.statefulTypes) || !Array.isArray(policy.notStatefulTypes)) return;
    const stateful = new Set(policy.statefulTypes);
    policy.notStatefulTypes.forEach((type, index) => {
      if (typeof type === 'string' && stateful.has(type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['notStatefulTypes', index],
          message: `"${type}" is also in statefulTypes; keep it in one list`,
        });
      }
    });
  }, evenWithFieldProblems);

export type PolicyConfig = z.output<typeof policySchema>;
