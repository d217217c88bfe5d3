/**
 * The zod schema of one control rule file (rules/controls/<service>/<rule-id>.yaml). Structural checks live here;
 * checks against the copied reference data (severities, SOC 2 provenance) live in verify-sources.ts.
 */

import { z } from 'zod';
import { CHECKS } from '../../core/controls/checks/index.js';
import type { Condition } from '../../core/controls/types.js';
import { SEVERITIES } from '../../core/report.js';
import { conditionSchema, resourceTypeSchema, walkConditions } from './condition-schema.js';

/** SOC 2 Trust Services Criteria ids: CC1.1-CC9.2, A1.1-A1.3, C1.1-C1.2, PI1.1-PI1.5, P1.1-P8.1. */
const CRITERION = /^(CC[1-9]\.[1-9]|A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.[1-9])$/;

const resourceSchema = z.looseObject({ Type: resourceTypeSchema, Properties: z.record(z.string(), z.unknown()).optional() });
const resourcesSchema = z.record(z.string().regex(/^[A-Za-z0-9]+$/, 'logical ids are alphanumeric'), resourceSchema);

const exampleSchema = z.strictObject({
  name: z.string().min(1),
  expect: z.enum(['pass', 'fail', 'unknown']),
  resource: z.string().optional(),
  resources: resourcesSchema.optional(),
  stacks: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'stack names are letters, digits and hyphens'), resourcesSchema).optional(),
});

const soc2Schema = z.strictObject({
  criterion: z.string().regex(CRITERION, 'must be a SOC 2 criterion such as CC6.1, A1.2, C1.1 or PI1.3'),
  source: z.enum(['seed', 'prowler', 'steampipe', 'own']),
  note: z.string().min(1).optional(),
});

type RuleInput = z.infer<typeof ruleShape>;

const ruleShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'rule ids are lowercase words joined by hyphens, e.g. s3-ssl-only'),
  securityHub: z.string().regex(/^[A-Za-z0-9]+\.\d+$/, 'a Security Hub control id such as S3.5').optional(),
  cis: z.array(z.string().regex(/^\d+\.\d+\.\d+\/\d+(\.\d+)*$/, 'CIS ids are "<benchmark version>/<section>", e.g. 1.2.0/2.1')).min(1).optional(),
  title: z.string().min(1),
  severity: z.enum(SEVERITIES),
  resourceTypes: z.array(resourceTypeSchema).min(1),
  scope: z.enum(['resource', 'app']).default('resource'),
  when: conditionSchema.optional(),
  condition: conditionSchema.optional(),
  check: z.strictObject({ name: z.string(), params: z.record(z.string(), z.unknown()).default({}) }).optional(),
  soc2: z.array(soc2Schema).min(1),
  remediation: z.string().min(1),
  notes: z.string().min(1).optional(),
  examples: z.array(exampleSchema).min(2),
});

function checkScopes(rule: RuleInput, issue: (message: string, path: PropertyKey[]) => void): void {
  const visit = (key: 'when' | 'condition', condition: Condition | undefined) => {
    if (!condition) return;
    walkConditions(condition, rule.scope === 'resource', (c, onResource) => {
      if (c.anyResource && rule.scope === 'resource') issue('anyResource is for app-scope rules', [key]);
      const needsResource = c.referencedBy ?? c.notReferencedBy ?? c.references ?? c.joinedBy ?? c.path ?? c.attribute;
      if (needsResource !== undefined && !onResource) issue('in app scope, look at resources through anyResource first', [key]);
    });
  };
  visit('when', rule.when);
  visit('condition', rule.condition);
}

function checkExamples(rule: RuleInput, issue: (message: string, path: PropertyKey[]) => void): void {
  for (const expect of ['pass', 'fail'] as const) {
    if (!rule.examples.some((e) => e.expect === expect)) issue(`needs at least one example that expects ${expect}`, ['examples']);
  }
  rule.examples.forEach((example, i) => {
    if ((example.resources === undefined) === (example.stacks === undefined)) {
      issue('give exactly one of resources (one stack) or stacks', ['examples', i]);
      return;
    }
    if (rule.scope === 'app') return;
    const resources = example.resources ?? Object.assign({}, ...Object.values(example.stacks ?? {}));
    if (example.resource !== undefined) {
      if (!(example.resource in resources)) issue(`resource ${example.resource} is not in the example`, ['examples', i, 'resource']);
      return;
    }
    const judged = Object.values(resources as Record<string, { Type: string }>).filter((r) => rule.resourceTypes.includes(r.Type));
    if (judged.length !== 1) issue(`name the resource the example is about (it has ${judged.length} of the rule's types)`, ['examples', i]);
  });
}

export const ruleFileSchema = ruleShape.superRefine((rule, ctx) => {
  const issue = (message: string, path: PropertyKey[]) => ctx.addIssue({ code: 'custom', message, path });
  if ((rule.condition === undefined) === (rule.check === undefined)) issue('give exactly one of condition or check', []);
  if (rule.scope === 'app' && (rule.check || rule.when)) issue('app-scope rules take a condition only (no check, no when)', ['scope']);
  if (rule.check) {
    const check = CHECKS[rule.check.name];
    if (!check) issue(`unknown check ${rule.check.name}; known: ${Object.keys(CHECKS).join(', ')}`, ['check', 'name']);
    const problem = check?.validate(rule.check.params);
    if (problem) issue(problem, ['check', 'params']);
  }
  const criteria = rule.soc2.map((m) => m.criterion);
  rule.soc2.forEach((m, i) => {
    if (criteria.indexOf(m.criterion) !== i) issue(`${m.criterion} is listed twice`, ['soc2', i]);
    if (m.source === 'own' && !m.note) issue('an own mapping needs a note saying why it holds', ['soc2', i, 'note']);
  });
  checkScopes(rule, issue);
  checkExamples(rule, issue);
});

export type RuleFile = z.infer<typeof ruleFileSchema>;
