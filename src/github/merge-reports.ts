/**
 * A repository may hold several CDK apps; the PR gets one comment and one check run. This merges the reports of
 * the apps into one, with source files made relative to the repository root (GitHub annotations and links want
 * that) and, when there is more than one app, stack names prefixed with the app's folder so they stay unique.
 */

import { DOWNTIMES, type ReviewReport, type StackReport } from '../core/report.js';

export interface AppReport {
  /** The app's folder, relative to the repository root; "." for the root. */
  folder: string;
  report: ReviewReport;
}

export function mergeAppReports(apps: readonly AppReport[]): ReviewReport {
  const prefixStacks = apps.length > 1;
  const stackName = (folder: string, name: string) => (prefixStacks ? `${folder}:${name}` : name);
  const reports = apps.map(({ folder, report }) => ({
    ...report,
    stacks: report.stacks.map((stack) => relocateStack(stack, folder, (name) => stackName(folder, name))),
    posture: {
      ...report.posture,
      ruleErrors: report.posture.ruleErrors.map((e) => ({ ...e, stackName: stackName(folder, e.stackName) })),
      unattached: report.posture.unattached.map((c) => ({ ...c, stackName: stackName(folder, c.stackName) })),
    },
    findings: report.findings && {
      ...report.findings,
      resolved: report.findings.resolved.map((f) => ({ ...f, stackName: stackName(folder, f.stackName) })),
      leftOpen: report.findings.leftOpen.map((f) => ({ ...f, stackName: stackName(folder, f.stackName) })),
    },
  }));

  const descriptions = [...new Set(reports.map((r) => r.baseline.description))];
  const kinds = [...new Set(reports.map((r) => r.baseline.kind))];
  return {
    schemaVersion: 1,
    conclusion: reports.some((r) => r.conclusion === 'failure') ? 'failure' : 'success',
    baseline: { kind: kinds[0] ?? 'base-branch', description: descriptions.join('; ') },
    summary: {
      stacks: sum(reports, (r) => r.summary.stacks),
      changes: sum(reports, (r) => r.summary.changes),
      blocking: sum(reports, (r) => r.summary.blocking),
      regressions: sum(reports, (r) => r.summary.regressions),
      improvements: sum(reports, (r) => r.summary.improvements),
      byDowntime: Object.fromEntries(DOWNTIMES.map((d) => [d, sum(reports, (r) => r.summary.byDowntime[d])])) as ReviewReport['summary']['byDowntime'],
    },
    stacks: reports.flatMap((r) => r.stacks),
    posture: {
      stillFailing: mergeStillFailing(reports.flatMap((r) => r.posture.stillFailing)),
      notJudged: sum(reports, (r) => r.posture.notJudged),
      ruleErrors: reports.flatMap((r) => r.posture.ruleErrors),
      unattached: reports.flatMap((r) => r.posture.unattached),
    },
    ...mergeFindings(reports.flatMap((r) => (r.findings ? [r.findings] : []))),
  };
}

function mergeFindings(sections: NonNullable<ReviewReport['findings']>[]): Pick<ReviewReport, 'findings'> {
  if (sections.length === 0) return {};
  return {
    findings: {
      consulted: sections.some((f) => f.consulted),
      reason: [...new Set(sections.map((f) => f.reason))].join('; '),
      resolved: sections.flatMap((f) => f.resolved),
      leftOpen: sections.flatMap((f) => f.leftOpen),
      openOnChangedStacks: sum(sections, (f) => f.openOnChangedStacks),
    },
  };
}

function relocateStack(stack: StackReport, folder: string, rename: (name: string) => string): StackReport {
  return {
    ...stack,
    stackName: rename(stack.stackName),
    parentStack: stack.parentStack === null ? null : rename(stack.parentStack),
    changes: stack.changes.map((change) => ({
      ...change,
      source: change.source === null ? null : { ...change.source, file: repositoryPath(folder, change.source.file) },
    })),
  };
}

/** `lib/x.ts` of the app in `infra` is `infra/lib/x.ts`; a path that already leaves the app folder stays as is. */
export function repositoryPath(folder: string, file: string): string {
  if (folder === '.' || file.startsWith('../') || file.startsWith('/')) return file;
  return `${folder}/${file}`;
}

function mergeStillFailing(entries: ReviewReport['posture']['stillFailing']): ReviewReport['posture']['stillFailing'] {
  const byControl = new Map<string, (typeof entries)[number]>();
  for (const entry of entries) {
    const key = `${entry.controlId}|${entry.ruleId}`;
    const seen = byControl.get(key);
    byControl.set(key, seen ? { ...seen, resources: seen.resources + entry.resources } : entry);
  }
  return [...byControl.values()];
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
