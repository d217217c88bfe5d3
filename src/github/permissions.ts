/**
 * Looks up what `canAcknowledge` needs to know about a user: their role on the repository and which of the
 * configured teams they belong to. The rule itself lives in src/config/acknowledge.ts.
 */

import { REPOSITORY_ROLES, type Acknowledger, type RepositoryRole } from '../config/index.js';
import type { Octokit, RepoRef } from './github-types.js';

export interface AcknowledgerLookup {
  acknowledger: Acknowledger;
  /** Lookups that could not be made, for the reply (a missing permission of the App, say). */
  notes: string[];
}

export async function lookUpAcknowledger(octokit: Octokit, ref: RepoRef, username: string, teams: readonly string[]): Promise<AcknowledgerLookup> {
  const notes: string[] = [];
  const role = await repositoryRole(octokit, ref, username);
  const memberOf: string[] = [];
  for (const team of teams) {
    try {
      const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org: ref.owner, team_slug: team, username });
      if (data.state === 'active') memberOf.push(team);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 403) notes.push(`membership of team ${team} could not be read (the App needs the organization permission "Members: read")`);
      else if (status !== 404) throw error;
    }
  }
  return { acknowledger: { role, teams: memberOf }, notes };
}

async function repositoryRole(octokit: Octokit, ref: RepoRef, username: string): Promise<RepositoryRole> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...ref, username });
    const roleName = (data as { role_name?: string }).role_name;
    if (isRole(roleName)) return roleName;
    // A custom role has its own name; `permission` is the base role it extends.
    return isRole(data.permission) ? data.permission : 'none';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 'none';
    throw error;
  }
}

function isRole(value: unknown): value is RepositoryRole {
  return typeof value === 'string' && (REPOSITORY_ROLES as readonly string[]).includes(value);
}
