/**
 * Reviews a change to a tiny CDK app the way a user's pull request is reviewed: the base and head versions of one
 * stack are synthesized with the real aws-cdk-lib (its default removal policies, logical ids and child constructs),
 * then loaded and reviewed with the bundled rules and a config.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { parseConfig } from '../../src/config/load.js';
import type { ChangeReport, ReviewReport } from '../../src/core/report.js';
import { reviewSides } from '../../src/pipeline/review-sides.js';
import { loadSide } from '../../src/sources/load-side.js';

export type StackBody = (stack: Stack) => void;

const ENV = { account: '111111111111', region: 'eu-west-1' };

async function synthesize(body: StackBody): Promise<Awaited<ReturnType<typeof loadSide>>> {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'stackguard-verdict-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    body(new Stack(app, 'Data', { env: ENV }));
    app.synth();
    return await loadSide(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** GIVEN the stack built by `base`, WHEN a pull request turns it into `head`, THEN this is the review. */
export async function reviewCdkChange(base: StackBody, head: StackBody, configYaml = ''): Promise<ReviewReport> {
  return reviewSides({
    base: await synthesize(base),
    head: await synthesize(head),
    config: parseConfig(configYaml, 'test config'),
    baseline: { kind: 'assembly', description: 'test' },
    today: new Date('2026-12-01T00:00:00Z'),
  });
}

export function changesOfType(report: ReviewReport, resourceType: string): ChangeReport[] {
  return report.stacks.flatMap((s) => s.changes).filter((c) => c.resourceType === resourceType);
}

export function onlyChangeOfType(report: ReviewReport, resourceType: string): ChangeReport {
  const found = changesOfType(report, resourceType);
  if (found.length !== 1) {
    const all = report.stacks.flatMap((s) => s.changes.map((c) => `${c.logicalId} ${c.resourceType} ${c.action}`));
    throw new Error(`expected one ${resourceType} change, found ${found.length}: ${all.join('; ')}`);
  }
  return found[0]!;
}
