/**
 * The review report: the JSON contract (`schemaVersion: 1`). CI scripts and dashboards parse it, so names here are
 * stable: add fields, never rename them. The zod schema is the single source: the TypeScript types are inferred
 * from it, docs/report-schema.json is generated from it (scripts/generate-report-schema.ts), and tests validate
 * real output against it.
 */

import { z } from 'zod';

export const ACTIONS = ['create', 'update', 'replace', 'delete', 'orphan', 'import'] as const;
export type Action = (typeof ACTIONS)[number];

/** Ordered from harmless to worst; "worst of" means the highest index. */
export const DOWNTIMES = ['none', 'atomic', 'rolling', 'interruption', 'replacement', 'deletion'] as const;
export type Downtime = (typeof DOWNTIMES)[number];

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const BASELINE_KINDS = ['assembly', 'templates', 'deployed', 'base-branch'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

const sourceLocation = z
  .object({ file: z.string().describe('Path relative to the CDK app folder'), line: z.number().int().positive() })
  .describe('First frame of the resource creation stack in the user code (aws:cdk:creationStack)');

export const baselineSchema = z.object({
  kind: z.enum(BASELINE_KINDS).describe('What the head was compared against'),
  description: z.string(),
});
export type Baseline = z.infer<typeof baselineSchema>;

export const propertyChangeSchema = z.object({
  path: z.string().describe('Top-level property name under Properties'),
  downtime: z.enum(DOWNTIMES),
  effectUnknown: z.boolean().optional().describe('True when no spec or rule tells what changing this property does'),
  conditional: z
    .boolean()
    .optional()
    .describe('True when the spec marks this property a conditional replacement and no service rule decides it: CloudFormation decides at deploy time'),
  failsToDeploy: z.boolean().optional().describe('True when CloudFormation or the service refuses this change on an existing resource'),
});
export type PropertyChangeReport = z.infer<typeof propertyChangeSchema>;

export const controlImpactSchema = z.object({
  controlId: z.string().describe('AWS Security Hub control id, e.g. S3.5'),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  effect: z.enum(['regression', 'improvement']),
  soc2: z.array(z.string()).describe('SOC 2 criteria, e.g. CC6.7'),
  resource: z.string().describe('Logical id of the resource the control is evaluated on'),
  ruleId: z.string().optional().describe('The stackguard rule that evaluated it'),
  accepted: z
    .object({ rationale: z.string(), owner: z.string(), expires: z.string() })
    .optional()
    .describe('Set when an accepted risk in the config covers this regression'),
});
export type ControlImpact = z.infer<typeof controlImpactSchema>;
export type ControlEffect = ControlImpact['effect'];

export const blockingCauseSchema = z.object({
  policy: z
    .string()
    .describe(
      'Policy line: stateful-replacement, retained-replacement, conditional-replacement, stateful-deletion, fails-to-deploy, orphan, control-regression',
    ),
  detail: z.string(),
});
export type BlockingCause = z.infer<typeof blockingCauseSchema>;

export const changeSchema = z.object({
  logicalId: z.string(),
  resourceType: z.string(),
  constructPath: z.string().nullable(),
  source: sourceLocation.nullable(),
  action: z.enum(ACTIONS),
  downtime: z.enum(DOWNTIMES),
  stateful: z.boolean(),
  blocking: z.boolean(),
  reasons: z.array(z.string()),
  properties: z.array(propertyChangeSchema),
  causedBy: z.array(z.string()).describe('Logical ids whose replacement forces this change'),
  renamedFrom: z.string().nullable().describe('Logical id this resource seems to be a rename of'),
  renamedTo: z
    .string()
    .nullable()
    .optional()
    .describe('On a removed resource: the logical id of the look-alike that replaces it (the other side of renamedFrom)'),
  conditional: z
    .boolean()
    .optional()
    .describe('True when the replacement is conditional: CloudFormation decides at deploy time whether it happens'),
  failsToDeploy: z
    .boolean()
    .optional()
    .describe(
      'True when the deployment of this change fails and rolls back: a custom-named resource that must be replaced, ' +
        'an update CloudFormation or the service refuses, a change of type',
    ),
  controls: z.array(controlImpactSchema),
  blockedBy: z.array(blockingCauseSchema).describe('Policy lines that made this change blocking'),
  warnings: z.array(z.string()).describe('Non-blocking things a reviewer should read'),
  advice: z.array(z.string()).describe('What to do about a blocking change or a probable rename'),
});
export type ChangeReport = z.infer<typeof changeSchema>;

export const STACK_STATUSES = ['changed', 'unchanged', 'added', 'removed'] as const;
export type StackStatus = (typeof STACK_STATUSES)[number];

export const stackSchema = z.object({
  stackName: z.string().describe('CloudFormation stack name; nested stacks are "Parent/LogicalId"'),
  parentStack: z.string().nullable(),
  status: z.enum(STACK_STATUSES),
  notes: z.array(z.string()),
  changes: z.array(changeSchema),
});
export type StackReport = z.infer<typeof stackSchema>;

const downtimeCounts = z.object(Object.fromEntries(DOWNTIMES.map((d) => [d, z.number().int().nonnegative()])) as Record<Downtime, z.ZodNumber>);
export type DowntimeCounts = Record<Downtime, number>;

export const summarySchema = z.object({
  stacks: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  blocking: z.number().int().nonnegative(),
  regressions: z.number().int().nonnegative(),
  improvements: z.number().int().nonnegative(),
  byDowntime: downtimeCounts,
});
export type ReviewSummary = z.infer<typeof summarySchema>;

export const postureSchema = z
  .object({
    stillFailing: z
      .array(
        z.object({
          controlId: z.string(),
          ruleId: z.string(),
          title: z.string(),
          severity: z.enum(SEVERITIES),
          soc2: z.array(z.string()),
          resources: z.number().int().positive().describe('Resources of the head side failing this control on both sides'),
        }),
      )
      .describe('Controls failing on both sides: not caused by this change, counted rather than listed per change'),
    notJudged: z.number().int().nonnegative().describe('Head-side evaluations a rule could not judge statically (intrinsics, parameters)'),
    ruleErrors: z
      .array(z.object({ side: z.enum(['base', 'head']), ruleId: z.string(), stackName: z.string(), resource: z.string(), message: z.string() }))
      .describe('Rules that failed to evaluate: shown, never dropped'),
    unattached: z
      .array(controlImpactSchema.extend({ stackName: z.string(), blocking: z.boolean(), blockedBy: z.array(blockingCauseSchema) }))
      .describe('Control changes whose cause is not a resource change of this review'),
  })
  .describe('SOC 2 control posture of the head side beyond the per-change regressions and improvements');
export type Posture = z.infer<typeof postureSchema>;

export const findingRefSchema = z.object({
  findingId: z.string().describe('The Security Hub finding id (an ARN)'),
  controlId: z.string().describe('Security Hub control id, e.g. S3.5'),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  soc2: z.array(z.string()).describe('SOC 2 criteria of the control, from the rules catalogue and the mapping data'),
  stackName: z.string().describe('Stack of the resource, as in `stacks` (nested stacks are "Parent/LogicalId")'),
  resource: z.string().describe('Logical id of the resource the finding is on'),
  resourceId: z.string().describe('The resource as Security Hub names it, usually its ARN'),
});
export type FindingRef = z.infer<typeof findingRefSchema>;

export const findingsSectionSchema = z
  .object({
    consulted: z.boolean().describe('Whether open Security Hub findings were read for this review'),
    reason: z.string().describe('Where the findings were read from; or why they were not consulted'),
    resolved: z
      .array(findingRefSchema)
      .describe('Open findings this PR resolves: a rule predicts the control passes after the change, where it failed before'),
    leftOpen: z.array(findingRefSchema).describe('Open findings on resources this PR changes that stay open after it'),
    openOnChangedStacks: z
      .number()
      .int()
      .nonnegative()
      .describe('Open findings on any resource of the stacks this PR changes, resolved and left open included'),
  })
  .describe('Open AWS Security Hub findings (ACTIVE, FAILED) on the resources this PR touches');
export type FindingsSection = z.infer<typeof findingsSectionSchema>;

export const reviewReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    conclusion: z.enum(['success', 'failure']),
    baseline: baselineSchema,
    summary: summarySchema,
    stacks: z.array(stackSchema),
    posture: postureSchema,
    findings: findingsSectionSchema
      .optional()
      .describe('Security Hub findings: consulted or not, and why. Every report the CLI and the App write has it.'),
  })
  .describe('stackguard review report');
export type ReviewReport = z.infer<typeof reviewReportSchema>;
