/** `allow`: replacements and deletions the team expects, each with the reason a reviewer will read. */

import { z } from 'zod';
import { matchesEverything } from '../glob.js';
import { evenWithFieldProblems, namePattern, nonEmptyText, resourceTypePattern } from './fields.js';

export const ALLOWABLE_ACTIONS = ['replace', 'delete', 'orphan'] as const;
export type AllowableAction = (typeof ALLOWABLE_ACTIONS)[number];

export const allowEntrySchema = z
  .strictObject({
    stack: namePattern.optional().describe('Stack name the entry applies to ("*" is a wildcard).'),
    logicalId: namePattern.optional().describe('Logical id of the resource ("*" is a wildcard, e.g. "CacheCluster*").'),
    type: resourceTypePattern.optional().describe('CloudFormation resource type (e.g. "AWS::ElastiCache::*").'),
    actions: z
      .array(z.enum(ALLOWABLE_ACTIONS, { error: `must be one of ${ALLOWABLE_ACTIONS.join(', ')}` }))
      .min(1, { error: 'must list at least one action, or be left out to allow all three' })
      .default([...ALLOWABLE_ACTIONS])
      .describe('Actions allowed: replace, delete, orphan. Default: all three.'),
    reason: nonEmptyText('say why this change is expected').refine((text) => text.length === 0 || text.split(/\s+/).length >= 3, {
      error: 'must say why in a few words (at least three): a reviewer reads it instead of blocking the change',
    }).describe(
      'Required. Why the change is expected; shown next to the change in the review.',
    ),
  })
  .superRefine((entry, ctx) => {
    const matchers = [entry.stack, entry.logicalId, entry.type].filter((value) => value !== undefined);
    if (matchers.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must name at least one of stack, logicalId or type' });
    } else if (matchers.every((matcher) => typeof matcher === 'string' && matchesEverything(matcher))) {
      ctx.addIssue({
        code: 'custom',
        message: 'matches every resource; to stop blocking on stateful changes, set policy.blockStatefulReplacement ' +
          'and policy.blockStatefulDeletion to false instead',
      });
    }
  }, evenWithFieldProblems)
  .describe('An expected replacement, deletion or orphaning: it is reported as allowed and does not block.');

export type AllowEntry = z.output<typeof allowEntrySchema>;
