/**
 * The format of rules/downtime/*.yml, checked at load time. Documented in docs/downtime-rules.md.
 * Objects are strict so a misspelt key (`propertes:`) fails loudly instead of being ignored.
 */

import { z } from 'zod';
import { DOWNTIMES } from '../../core/report.js';

const DOTTED = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const RESOURCE_TYPE = /^(\*|[A-Za-z0-9]+(::[A-Za-z0-9]+){1,2})$/;

const propertyPath = z
  .string()
  .refine((path) => path === '*' || DOTTED.test(path), 'expected a dotted property path such as "A.B", or "*"');

const condition = z
  .strictObject({
    path: z.string().regex(DOTTED, 'expected a dotted path into the resource, such as "UpdatePolicy.AutoScalingRollingUpdate"'),
    // Which template the condition reads: an update rule can look at the value before the change too.
    side: z.enum(['head', 'base']).optional(),
    exists: z.boolean().optional(),
    equals: z.unknown().optional(),
    in: z.array(z.unknown()).min(1).optional(),
    notIn: z.array(z.unknown()).min(1).optional(),
  })
  .refine(
    (c) => [c.exists !== undefined, c.equals !== undefined, c.in !== undefined, c.notIn !== undefined].filter(Boolean).length === 1,
    'set exactly one of exists, equals, in, notIn',
  );

const exampleResource = z
  .record(z.string(), z.unknown())
  .refine((resource) => !('Type' in resource), 'leave Type out: the rule\'s resourceType supplies it')
  .refine(
    (resource) => resource.Properties === undefined || (typeof resource.Properties === 'object' && !Array.isArray(resource.Properties)),
    'Properties must be an object',
  );

const example = z.strictObject({
  name: z.string().min(1),
  // Only for rules about every type (`resourceType: "*"`): the type the example is written for.
  resourceType: z.string().regex(RESOURCE_TYPE).refine((type) => type !== '*', 'name a concrete type').optional(),
  base: exampleResource.optional(),
  head: exampleResource.optional(),
  expect: z.strictObject({
    downtime: z.enum(DOWNTIMES),
    rule: z.string().regex(KEBAB).nullable().optional(),
    failsToDeploy: z.boolean().optional(),
  }),
});

export const behaviourRuleSchema = z
  .strictObject({
    id: z.string().regex(KEBAB, 'ids are kebab-case, such as "ecs-service-deployment"'),
    resourceType: z.string().regex(RESOURCE_TYPE, 'expected a CloudFormation type such as "AWS::ECS::Service", or "*"'),
    on: z.enum(['update', 'replace', 'delete']).default('update'),
    properties: z.array(propertyPath).min(1).optional(),
    except: z.array(propertyPath.refine((path) => path !== '*', 'except cannot be "*"')).min(1).optional(),
    // One condition, or a list that must all hold.
    when: z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(condition).min(1)).optional(),
    downtime: z.enum(DOWNTIMES),
    // The change cannot succeed on an existing resource: CloudFormation or the service refuses it and the stack
    // update rolls back. The downtime then says what the attempt costs; the verdict blocks on `fails-to-deploy`.
    failsToDeploy: z.boolean().optional(),
    reason: z.string().min(1),
    source: z.string().min(1).optional(),
    examples: z.array(example).min(1, 'every rule needs at least one example'),
  })
  .superRefine((rule, ctx) => {
    if (rule.on === 'update' && !rule.properties) {
      ctx.addIssue({ code: 'custom', path: ['properties'], message: 'an update rule needs properties (use ["*"] for any)' });
    }
    if (rule.on !== 'update' && rule.when?.some((c) => c.side !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['when'], message: `only update rules compare sides; a ${rule.on} rule reads one resource` });
    }
    if (rule.on !== 'update') {
      for (const key of ['properties', 'except'] as const) {
        if (rule[key]) ctx.addIssue({ code: 'custom', path: [key], message: `only update rules have ${key}; this rule is on: ${rule.on}` });
      }
    }
    rule.examples.forEach((ex, i) => {
      const needs = { update: ['base', 'head'], replace: ['head'], delete: ['base'] } as const;
      for (const side of needs[rule.on]) {
        if (!ex[side]) ctx.addIssue({ code: 'custom', path: ['examples', i, side], message: `an example of an ${rule.on} rule needs ${side}` });
      }
      if (rule.resourceType === '*' && !ex.resourceType) {
        ctx.addIssue({ code: 'custom', path: ['examples', i, 'resourceType'], message: 'an example of a rule for every type needs a resourceType' });
      }
      if (rule.resourceType !== '*' && ex.resourceType) {
        ctx.addIssue({ code: 'custom', path: ['examples', i, 'resourceType'], message: `the rule is for ${rule.resourceType}; leave resourceType out` });
      }
      if (rule.on === 'delete' && ex.head) {
        ctx.addIssue({ code: 'custom', path: ['examples', i, 'head'], message: 'a deleted resource has no head side' });
      }
    });
  });

export const behaviourFileSchema = z.strictObject({
  source: z.string().min(1, 'every rules file needs a source: attribution'),
  tier: z.enum(['service', 'reference']).default('service'),
  behaviours: z.array(behaviourRuleSchema).min(1),
});

export type BehaviourFile = z.infer<typeof behaviourFileSchema>;
export type BehaviourRuleInput = z.infer<typeof behaviourRuleSchema>;
