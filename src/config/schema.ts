/**
 * The schema of `.github/stackguard.yml`. Every key is described: the descriptions flow into
 * docs/stackguard.schema.json (editor completion) and are checked against docs/configuration.md by the tests.
 * Objects are strict: an unknown key is an error, never silently ignored.
 */

import { z } from 'zod';
import { acceptedRiskSchema } from './schema/accepted-risk.js';
import { acknowledgeSchema } from './schema/acknowledge.js';
import { allowEntrySchema } from './schema/allow.js';
import { awsSchema } from './schema/aws.js';
import { appFolder } from './schema/fields.js';
import { policySchema } from './schema/policy.js';
import { synthSchema } from './schema/synth.js';

export const BASELINES = ['base-branch', 'deployed', 'changeset'] as const;
export type ConfigBaseline = (typeof BASELINES)[number];

export const configSchema = z
  .strictObject({
    apps: z
      .array(appFolder)
      .min(1, { error: 'must list at least one folder, or be left out to find every cdk.json' })
      .superRefine((folders, ctx) => {
        folders.forEach((folder, index) => {
          if (folders.indexOf(folder) !== index) {
            ctx.addIssue({ code: 'custom', path: [index], message: `lists "${folder}" twice` });
          }
        });
      })
      .optional()
      .describe(
        'Folders of the CDK apps to review, relative to the repository root (each holds a cdk.json). ' +
          'Default: every folder with a cdk.json.',
      ),
    baseline: z
      .enum(BASELINES, { error: `must be one of ${BASELINES.join(', ')}` })
      .default('base-branch')
      .describe(
        'What the PR is compared with: "base-branch" (synthesize the base commit), "deployed" (the templates ' +
          'CloudFormation runs; needs AWS access) or "changeset" (deployed, plus a CloudFormation change set).',
      ),
    policy: policySchema.prefault({}).describe('What makes the check fail.'),
    allow: z
      .array(allowEntrySchema)
      .default([])
      .describe('Expected replacements and deletions: reported as allowed, with their reason, and not blocking.'),
    acceptedRisks: z
      .array(acceptedRiskSchema)
      .default([])
      .describe('Accepted control regressions: reported as accepted, with their rationale, and not blocking.'),
    acknowledge: acknowledgeSchema.prefault({}),
    synth: synthSchema.prefault({}),
    aws: awsSchema.prefault({}),
  })
  .describe('stackguard configuration, read from .github/stackguard.yml on the default branch (or --config).');

/** The validated config, defaults filled in. `synth.timeout` is in seconds. */
export type StackguardConfig = z.output<typeof configSchema>;
/** What a config file may hold, before defaults. */
export type StackguardConfigInput = z.input<typeof configSchema>;

/** The config used when a repository has no `.github/stackguard.yml`. */
export function defaultConfig(): StackguardConfig {
  return configSchema.parse({});
}
