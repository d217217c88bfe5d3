/**
 * Reviews several CDK apps at once, each app's head against its own baseline, and merges the reports into the one
 * a pull request gets. An app only on one side is reviewed against an empty side: every stack added or removed.
 */

import type { StackguardConfig } from '../config/schema.js';
import type { FindingsOutcome } from '../core/findings/types.js';
import type { Baseline, ReviewReport } from '../core/report.js';
import { mergeAppReports } from '../github/merge-reports.js';
import type { LoadedSide } from '../sources/load-side.js';
import type { Wording } from '../core/wording.js';
import { reviewSides } from './review-sides.js';

export interface ReviewAppsInput {
  base: ReadonlyMap<string, LoadedSide>;
  head: ReadonlyMap<string, LoadedSide>;
  baselineKind: Baseline['kind'];
  config: StackguardConfig;
  today: Date;
  findings?: FindingsOutcome;
  wording?: Wording;
}

export function reviewApps(input: ReviewAppsInput): ReviewReport {
  const folders = [...new Set([...input.head.keys(), ...input.base.keys()])].sort();
  const reports = folders.map((folder) => {
    const head = input.head.get(folder) ?? emptySide(`no app in ${folder} at the head`);
    const base = input.base.get(folder) ?? emptySide(`no app in ${folder} at the baseline`);
    const baseline: Baseline = { kind: input.baselineKind, description: base.description };
    return { folder, report: reviewSides({ base, head, config: input.config, baseline, today: input.today, findings: input.findings, wording: input.wording }) };
  });
  return mergeAppReports(reports);
}

function emptySide(description: string): LoadedSide {
  return { kind: 'assembly', path: '', description, stacks: [] };
}
