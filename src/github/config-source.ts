/**
 * The repository's `.github/stackguard.yml`, read from the default branch only: a pull request must not be able to
 * relax its own review (turn a policy off, allow-list its own replacement, let forks synthesize). A repository
 * without the file gets the defaults; an invalid file fails the check with the table of problems.
 */

import { defaultConfig, parseConfig, type StackguardConfig } from '../config/index.js';
import type { Octokit, RepoRef } from './github-types.js';

export const CONFIG_PATH = '.github/stackguard.yml';

export async function loadRepositoryConfig(octokit: Octokit, ref: RepoRef, defaultBranch: string): Promise<StackguardConfig> {
  let text: string;
  try {
    const { data } = await octokit.rest.repos.getContent({ ...ref, path: CONFIG_PATH, ref: defaultBranch, mediaType: { format: 'raw' } });
    text = data as unknown as string;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return defaultConfig();
    throw error;
  }
  return parseConfig(text, `${ref.owner}/${ref.repo}:${CONFIG_PATH} (branch ${defaultBranch})`);
}
