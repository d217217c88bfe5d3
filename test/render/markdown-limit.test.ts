import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePair } from '../../bench/generate.js';
import { runCli } from '../cli/run-cli.js';
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/core/render/markdown.js';
import { reviewReportSchema, type ChangeReport, type ReviewReport } from '../../src/core/report.js';

function change(i: number, blocking: boolean): ChangeReport {
  return {
    logicalId: `Resource${String(i).padStart(5, '0')}ABCDEF12`,
    resourceType: blocking ? 'AWS::RDS::DBInstance' : 'AWS::Lambda::Function',
    constructPath: `Stack/Construct${i}/Resource`,
    source: { file: `lib/stack-${i % 7}.ts`, line: i + 1 },
    action: blocking ? 'replace' : 'update',
    downtime: blocking ? 'replacement' : i % 3 === 0 ? 'atomic' : 'none',
    stateful: blocking,
    blocking,
    reasons: [`Property${i} changed: a reason long enough to make the comment big when repeated thousands of times over`],
    properties: [{ path: `Property${i}`, downtime: blocking ? 'replacement' : 'none' }],
    causedBy: [],
    renamedFrom: null,
    controls: [],
    blockedBy: blocking ? [{ policy: 'stateful-replacement', detail: 'replaces a stateful AWS::RDS::DBInstance: policy.blockStatefulReplacement' }] : [],
    warnings: [],
    advice: [],
  };
}

function bigReport(changesPerStack: number, stacks: number, blockingEvery: number): ReviewReport {
  const all = Array.from({ length: stacks }, (_, s) => ({
    stackName: `Stack${s}`,
    parentStack: null,
    status: 'changed' as const,
    notes: [],
    changes: Array.from({ length: changesPerStack }, (_, i) => change(s * changesPerStack + i, i % blockingEvery === 0)),
  }));
  const changes = all.flatMap((s) => s.changes);
  return reviewReportSchema.parse({
    schemaVersion: 1,
    conclusion: 'failure',
    baseline: { kind: 'base-branch', description: 'base branch main' },
    summary: {
      stacks,
      changes: changes.length,
      blocking: changes.filter((c) => c.blocking).length,
      regressions: 0,
      improvements: 0,
      byDowntime: { none: 0, atomic: 0, rolling: 0, interruption: 0, replacement: 0, deletion: 0 },
    },
    stacks: all,
    posture: { stillFailing: [], notJudged: 0, ruleErrors: [], unattached: [] },
  });
}

describe('the PR comment stays under GitHub’s 65,536-character limit', () => {
  it('drops the least severe detail first and says what was left out', () => {
    // GIVEN 70 stacks × 40 changes, one blocking change in 20
    const report = bigReport(40, 70, 20);
    // WHEN rendered
    const text = renderMarkdown(report);
    // THEN it fits, keeps the verdict and every blocking change, and names what it left out
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.split('\n')[0]).toMatch(/^\*\*⛔ stackguard — Blocked: 140 changes need a decision/);
    expect(text).toMatch(/Left out to fit GitHub's comment size limit: .*per-stack tables/);
    expect(text).toContain('Resource00000ABCDEF12');
    expect(text).toContain(COMMENT_MARKER);
  });

  it('keeps full detail when the review is small', () => {
    const text = renderMarkdown(bigReport(3, 2, 2));
    expect(text).not.toMatch(/Left out/);
    expect(text).toContain('<details>');
  });

  it('truncates the blocking list last, saying how many more there are', () => {
    const text = renderMarkdown(bigReport(400, 20, 1));
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toMatch(/…and \d+ more blocking changes/);
  });

  it('honours a smaller limit (a check run summary, for instance)', () => {
    expect(renderMarkdown(bigReport(40, 70, 20), { maxLength: 5000 }).length).toBeLessThanOrEqual(5000);
  });

  it('fits on the largest benchmark pair (70 stacks, 10,422 resources), in the room the App leaves for the review', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'stackguard-limit-'));
    try {
      await ensurePair(out);
      const run = await runCli('review', '--base', path.join(out, 'base'), '--head', path.join(out, 'head'), '--format', 'markdown');
      expect(run.code).toBe(1);
      // commentBody keeps 8,000 characters for the acknowledgement region, footer and state block.
      expect(run.stdout.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT - 8_000);
      expect(run.stdout).toContain('### Blocking changes');
      expect(run.stdout).toContain('### Downtime during deploy');
      expect(run.stdout).toContain(COMMENT_MARKER);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 180_000);
});
