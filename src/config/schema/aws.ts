/** `aws`: how the deployed baseline and Security Hub are read (used only when AWS access is configured). */

import { z } from 'zod';
import { accountId, evenWithFieldProblems, region, roleArn } from './fields.js';

export const awsSchema = z
  .strictObject({
    roles: z
      .record(accountId, roleArn)
      .default({})
      .describe(
        'Read-only IAM role to assume for each AWS account id, to read its deployed templates and findings. ' +
          'An account not listed is read with the default credentials.',
      ),
    securityHub: z
      .boolean()
      .default(true)
      .describe(
        'Whether to read open Security Hub findings for the resources a PR touches. Without access the review ' +
          'says findings were not consulted; nothing fails.',
      ),
    regions: z
      .array(region)
      .min(1, { error: 'must list at least one region, or be left out' })
      .optional()
      .describe('Regions `stackguard posture` reads Security Hub findings from. Default: AWS_REGION or the profile\'s region. Reviews read findings in each reviewed stack\'s own region.'),
  })
  .superRefine((aws, ctx) => {
    if (typeof aws.roles !== 'object' || aws.roles === null) return;
    for (const [account, arn] of Object.entries(aws.roles)) {
      // A malformed ARN has its own message; this check is for a well-formed role in the wrong account.
      if (!roleArn.safeParse(arn).success) continue;
      const roleAccount = arn.split(':')[4];
      if (roleAccount !== account) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles', account],
          message: `names a role in account ${roleAccount}, not ${account}; the role must be in the account it reads`,
        });
      }
    }
  }, evenWithFieldProblems)
  .describe('AWS access for the deployed baseline and Security Hub.');

export type AwsConfig = z.output<typeof awsSchema>;
