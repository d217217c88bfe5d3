/**
 * Which pull requests changed a CDK app. The app folders are the config's `apps` at the end of the period, or else
 * (as the App finds them) every folder holding a cdk.json in the default branch's tree at the end of the period.
 * A pull request changed an app when one of its files (old or new path) is inside an app folder, or is a
 * cdk.json anywhere (an app added, moved or removed).
 */

import type { Octokit, RepoRef } from '../github/github-types.js';

export interface AppFolders {
  folders: string[];
  from: 'config' | 'cdk.json';
  note: string | undefined;
}

export async function appFolders(octokit: Octokit, repo: RepoRef, branch: string, until: Date, configured: string[] | undefined): Promise<AppFolders> {
  if (configured !== undefined) return { folders: [...configured].sort(), from: 'config', note: undefined };
  const { data: commits } = await octokit.rest.repos.listCommits({ ...repo, sha: branch, until: until.toISOString(), per_page: 1 });
  const commit = commits[0];
  if (!commit) return { folders: [], from: 'cdk.json', note: `the branch ${branch} has no commit before the end of the period` };
  const { data: tree } = await octokit.rest.git.getTree({ ...repo, tree_sha: commit.sha, recursive: 'true' });
  const folders = tree.tree
    .filter((item) => item.type === 'blob' && item.path !== undefined && (item.path === 'cdk.json' || item.path.endsWith('/cdk.json')))
    .map((item) => (item.path === 'cdk.json' ? '.' : (item.path ?? '').slice(0, -'/cdk.json'.length)))
    .filter((folder) => !folder.split('/').some((part) => part === 'node_modules' || part === 'cdk.out' || part.startsWith('.')))
    .sort();
  const note = tree.truncated ? `GitHub truncated the tree of ${commit.sha.slice(0, 7)}: app folders may be missing; list them in the config's apps` : undefined;
  return { folders, from: 'cdk.json', note };
}

/** The changed files inside an app folder, or named cdk.json. */
export function appFiles(files: readonly string[], folders: readonly string[]): string[] {
  return files.filter((file) => file === 'cdk.json' || file.endsWith('/cdk.json') || folders.some((folder) => folder === '.' || file.startsWith(`${folder}/`)));
}
