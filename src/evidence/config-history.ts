/**
 * The history of `.github/stackguard.yml` on the default branch up to the end of the period: every commit that
 * touched it, oldest first, with the accepted risks and allow entries the file held after that commit. A version
 * that today's parser refuses (written for an older stackguard, or simply invalid) is still read for its two
 * lists, and noted: the register must not lose an entry because a neighbouring key was wrong.
 */

import { parse as parseYaml } from 'yaml';
import { ConfigError, parseConfig } from '../config/index.js';
import { CONFIG_PATH } from '../github/config-source.js';
import type { Octokit, RepoRef } from '../github/github-types.js';

export interface ConfigVersion {
  commit: string;
  author: string | null;
  date: string;
  /** Undefined when the commit removed the file. */
  acceptedRisks: Array<Record<string, unknown>>;
  allow: Array<Record<string, unknown>>;
  apps: string[] | undefined;
  /** Why the file was read without validation, when it was. */
  problem: string | undefined;
}

export async function readConfigHistory(octokit: Octokit, repo: RepoRef, branch: string, until: Date): Promise<ConfigVersion[]> {
  const commits = await octokit.paginate(octokit.rest.repos.listCommits, { ...repo, sha: branch, path: CONFIG_PATH, until: until.toISOString(), per_page: 100 });
  const versions: ConfigVersion[] = [];
  for (const commit of [...commits].reverse()) {
    const text = await fileAt(octokit, repo, commit.sha);
    versions.push({
      commit: commit.sha,
      author: commit.author?.login ?? commit.commit.author?.name ?? null,
      date: commit.commit.committer?.date ?? commit.commit.author?.date ?? '',
      ...configLists(text, `${repo.owner}/${repo.repo}:${CONFIG_PATH}@${commit.sha.slice(0, 7)}`),
    });
  }
  return versions;
}

async function fileAt(octokit: Octokit, repo: RepoRef, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: CONFIG_PATH, ref, mediaType: { format: 'raw' } });
    // Raw content arrives as text, or as bytes when GitHub labels it without a charset.
    const raw = data as unknown;
    return typeof raw === 'string' ? raw : Buffer.from(raw as ArrayBuffer).toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

type Lists = Pick<ConfigVersion, 'acceptedRisks' | 'allow' | 'apps' | 'problem'>;

export function configLists(text: string | undefined, sourceName: string): Lists {
  if (text === undefined) return { acceptedRisks: [], allow: [], apps: undefined, problem: undefined };
  try {
    const config = parseConfig(text, sourceName);
    return { acceptedRisks: config.acceptedRisks.map((entry) => ({ ...entry })), allow: config.allow.map((entry) => ({ ...entry })), apps: config.apps, problem: undefined };
  } catch (error) {
    const why = error instanceof ConfigError ? `${error.problems.length} problem(s), e.g. ${error.problems[0]?.path}: ${error.problems[0]?.message}` : (error as Error).message;
    return { ...rawLists(text), problem: `not a valid config (${why}); its lists were read as written` };
  }
}

function rawLists(text: string): Omit<Lists, 'problem'> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch {
    return { acceptedRisks: [], allow: [], apps: undefined };
  }
  const record = (data ?? {}) as Record<string, unknown>;
  const objects = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : []);
  const apps = Array.isArray(record.apps) ? record.apps.filter((app): app is string => typeof app === 'string') : undefined;
  return { acceptedRisks: objects(record.acceptedRisks), allow: objects(record.allow), apps };
}
