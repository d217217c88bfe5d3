/** `acceptedRisks`: control regressions the team has decided to live with, for a stated reason and a limited time. */

import { z } from 'zod';
import { checkRationale, RATIONALE_MIN_CHARACTERS } from '../rationale.js';
import { evenWithFieldProblems, isoDate, namePattern, nonEmptyText } from './fields.js';

export const acceptedRiskSchema = z
  .strictObject({
    control: namePattern
      .optional()
      .describe('Security Hub control id (e.g. "S3.5", "ElastiCache.5") or stackguard rule id; "*" is a wildcard.'),
    resource: namePattern
      .optional()
      .describe('Logical id of the resource the control is evaluated on ("*" is a wildcard).'),
    stack: namePattern.optional().describe('Stack name ("*" is a wildcard).'),
    rationale: z
      .string({
        error: (issue) =>
          `${issue.input === undefined ? 'is required' : 'must be text'}: why the risk is acceptable, in a sentence`,
      })
      .superRefine((text, ctx) => {
        const { problems } = checkRationale(text);
        if (problems.length > 0) ctx.addIssue({ code: 'custom', message: problems.join('; it ') });
      })
      .meta({ minLength: RATIONALE_MIN_CHARACTERS })
      .describe(
        'Required. Why the risk is acceptable: at least a sentence that names a compensating control or a date ' +
          'to fix it by. See "Accepted-risk rationales" in docs/configuration.md.',
      ),
    owner: nonEmptyText('who owns this risk (a person or a team)').describe(
      'Required. Who owns the risk and its remediation: a person or a team.',
    ),
    expires: isoDate.describe(
      'Required. Last day (UTC) the acceptance holds, YYYY-MM-DD. After it, the regression counts again and the ' +
        'review says the acceptance expired.',
    ),
  })
  .superRefine((entry, ctx) => {
    if (entry.control === undefined && entry.resource === undefined && entry.stack === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must name at least one of control, resource or stack' });
    }
  }, evenWithFieldProblems)
  .describe('An accepted control regression: shown as accepted with its rationale, and does not block until it expires.');

export type AcceptedRisk = z.output<typeof acceptedRiskSchema>;
