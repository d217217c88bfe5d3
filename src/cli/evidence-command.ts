/**
 * `stackguard evidence`: the SOC 2 change-management evidence of a repository for a period (docs/evidence.md).
 * Exit 0 when the report was made (also for a period with nothing merged: the report says so), 2 when it could
 * not be (credentials, repository not found, bad dates).
 */

import { stackguardVersion } from '../sources/stackguard-version.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import { buildEvidence } from '../evidence/build-evidence.js';
import { connectionFromEnv, EVIDENCE_STEP, evidenceOctokit } from '../evidence/github-client.js';
import { parsePeriod } from '../evidence/period.js';
import { renderEvidenceCsv } from '../evidence/render-csv.js';
import { renderEvidenceMarkdown } from '../evidence/render-markdown.js';
import type { EvidenceReport } from '../evidence/schema.js';
import { EXIT_OK, type CliIO } from './main.js';

export const EVIDENCE_FORMATS = ['markdown', 'csv', 'json'] as const;

export interface EvidenceOptions {
  repo: string;
  since: string;
  until?: string;
  format: (typeof EVIDENCE_FORMATS)[number];
  out?: string;
  installationId?: string;
  appId?: string;
}

/** What the command takes from the world; tests pass their own. */
export interface EvidenceDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
  /** Whether stderr is a terminal: the progress line is shown only there. */
  stderrIsTTY: boolean;
  /** Milliseconds one second of back-off or `retry-after` lasts (tests: 0). */
  msPerSecond?: number;
}

export async function evidenceCommand(options: EvidenceOptions, io: CliIO, deps: EvidenceDeps = defaultDeps()): Promise<number> {
  const [owner, repo, ...rest] = options.repo.split('/');
  if (!owner || !repo || rest.length > 0) throw new StackguardInputError(`--repo must be OWNER/REPO; got "${options.repo}"`, EVIDENCE_STEP);
  const now = deps.now();
  const period = parsePeriod(options.since, options.until, now);
  const connection = connectionFromEnv(deps.env, { installationId: options.installationId, appId: options.appId });
  const octokit = evidenceOctokit(connection, (text) => io.stderr(`stackguard: ${text}\n`), { msPerSecond: deps.msPerSecond });
  const progress = deps.stderrIsTTY ? (done: number, total: number) => io.stderr(`\rstackguard evidence: ${done}/${total} pull requests read`) : undefined;
  const report = await buildEvidence(octokit, {
    repo: { owner, repo },
    period,
    apiUrl: connection.apiUrl,
    stateKey: connection.stateKey,
    appId: connection.appId,
    now,
    version: deps.version,
    progress,
  });
  if (progress) io.stderr('\n');
  if (report.totals.merged === 0) io.stderr(`stackguard: no pull request was merged into ${report.defaultBranch} in the period; the report says so.\n`);

  if (options.out) {
    await mkdir(options.out, { recursive: true });
    const files = { 'evidence.md': renderEvidenceMarkdown(report), 'evidence.csv': renderEvidenceCsv(report), 'evidence.json': json(report) };
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(options.out, name), text);
    io.stdout(`Wrote ${Object.keys(files).map((name) => path.join(options.out ?? '', name)).join(', ')}: ${report.totals.merged} merged pull request(s), ${report.totals.exceptions} with exceptions.\n`);
  } else {
    io.stdout(options.format === 'json' ? json(report) : options.format === 'csv' ? renderEvidenceCsv(report) : renderEvidenceMarkdown(report));
  }
  return EXIT_OK;
}

function json(report: EvidenceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function defaultDeps(): EvidenceDeps {
  return { env: process.env, now: () => new Date(), version: stackguardVersion(), stderrIsTTY: Boolean(process.stderr.isTTY) };
}

/** The version in package.json (two folders up from both src/cli and dist/cli). */
