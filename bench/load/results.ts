/** The load test's waiting, its per-pull-request assertions and its figures. */

import type { AppProcess } from '../../test/e2e/app-process.js';
import type { FakeGitHub } from '../../test/e2e/fake-github.js';

export interface Pull {
  repo: string;
  number: number;
  head: string;
  base: string;
  /** When the webhook the measured time starts from was sent: `pull_request` (app mode) or `workflow_run` (actions mode). */
  deliveredAt?: number;
  answerMs: number[];
}

type CheckRun = FakeGitHub['checkRuns'][number];

/** Waits until every pull request's check run satisfies `done` (30 minutes at most); returns the runs. */
export async function waitForChecks(pulls: Pull[], fakes: Map<string, FakeGitHub>, apps: AppProcess[], done: (run: CheckRun) => boolean, what: string): Promise<CheckRun[]> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const runs = pulls.map((pull) => fakes.get(pull.repo)?.checkRuns.find((run) => run.head_sha === pull.head && done(run)));
    if (runs.every(Boolean)) return runs as CheckRun[];
    if (Date.now() > deadline) throw new Error(`${runs.filter(Boolean).length} of ${pulls.length} checks ${what} in 30 minutes:\n${apps.map((app) => app.output().slice(-3000)).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Milliseconds from each pull request's measured delivery to its check run's completion. */
export function latencies(pulls: Pull[], runs: CheckRun[]): number[] {
  return runs.map((run, index) => Date.parse(String(run.completed_at)) - (pulls[index]?.deliveredAt ?? 0));
}

/** Every pull request: exactly one check run with the shop example's verdict, and exactly one comment. */
export function assertResults(pulls: Pull[], fakes: Map<string, FakeGitHub>): void {
  const problems: string[] = [];
  for (const pull of pulls) {
    const fake = fakes.get(pull.repo) as FakeGitHub;
    const runs = fake.checkRuns.filter((run) => run.head_sha === pull.head);
    const comments = fake.comments.filter((comment) => comment.issue === pull.number);
    if (runs.length !== 1 || runs[0]?.conclusion !== 'action_required') problems.push(`${pull.repo}#${pull.number}: ${runs.length} check runs, ${runs.map((run) => run.conclusion).join(', ')}`);
    if (comments.length !== 1) problems.push(`${pull.repo}#${pull.number}: ${comments.length} comments`);
  }
  if (problems.length > 0) throw new Error(`wrong results:\n${problems.join('\n')}`);
}

/** p50 / p95 / max of milliseconds, in seconds. */
export function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => +((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) / 1000).toFixed(2);
  return { p50: at(50), p95: at(95), max: at(100) };
}
