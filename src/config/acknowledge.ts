/**
 * Who may acknowledge a blocking change (`acknowledge` in the config). Pure: the App looks up the user's
 * repository role and team memberships and asks here, so the rule lives in one tested place.
 */

import type { StackguardConfig } from './schema.js';

/** GitHub's repository roles, lowest first (`role_name` of "get repository permissions for a user"). */
export const REPOSITORY_ROLES = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type RepositoryRole = (typeof REPOSITORY_ROLES)[number];

export interface Acknowledger {
  /** The user's role on the repository; a custom role should be passed as the base role it extends. */
  role: RepositoryRole;
  /** Slugs of the organization teams the user belongs to. */
  teams: readonly string[];
}

export interface AcknowledgeDecision {
  allowed: boolean;
  /** Why, in words the App can put in its reply: "has maintain permission", "needs maintain permission...". */
  reason: string;
}

/** A user may acknowledge with at least the configured permission, or as a member of one of the listed teams. */
export function canAcknowledge(config: Pick<StackguardConfig, 'acknowledge'>, user: Acknowledger): AcknowledgeDecision {
  const { permission, teams } = config.acknowledge;
  if (REPOSITORY_ROLES.indexOf(user.role) >= REPOSITORY_ROLES.indexOf(permission)) {
    return { allowed: true, reason: `has ${user.role} permission (at least ${permission} may acknowledge)` };
  }
  const memberOf = teams.find((team) => user.teams.some((userTeam) => userTeam.toLowerCase() === team));
  if (memberOf) return { allowed: true, reason: `is a member of team ${memberOf}` };
  const teamNote = teams.length > 0 ? ` or membership in team ${teams.join(', ')}` : '';
  return {
    allowed: false,
    reason: `needs ${permission} permission on the repository${teamNote} to acknowledge; has ${user.role}`,
  };
}
