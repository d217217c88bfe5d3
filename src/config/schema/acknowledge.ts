/** `acknowledge`: who may turn a blocked check green in the App after reading the blocking changes. */

import { z } from 'zod';
import { teamSlug } from './fields.js';

/** Repository permissions that may be required, lowest first (GitHub's role names). */
export const ACKNOWLEDGE_PERMISSIONS = ['write', 'maintain', 'admin'] as const;
export type AcknowledgePermission = (typeof ACKNOWLEDGE_PERMISSIONS)[number];

export const acknowledgeSchema = z
  .strictObject({
    permission: z
      .enum(ACKNOWLEDGE_PERMISSIONS, { error: `must be one of ${ACKNOWLEDGE_PERMISSIONS.join(', ')}` })
      .default('maintain')
      .describe('Lowest repository permission that may acknowledge a blocking change: write, maintain or admin.'),
    teams: z
      .array(teamSlug)
      .default([])
      .describe(
        "Slugs of teams in the repository's organization whose members may acknowledge too, whatever their " +
          'repository permission.',
      ),
  })
  .describe('Who may acknowledge a blocking change in the App: the "Acknowledge" button or /stackguard acknowledge.');

export type AcknowledgeConfig = z.output<typeof acknowledgeSchema>;
