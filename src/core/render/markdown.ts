/**
 * The PR comment, ordered by what hurts: the verdict and why; the blocking changes with their reasons, values,
 * source lines and what to do; "Downtime during deploy" (every change that does not block but rolls, restarts or
 * replaces something, one line each); the SOC 2 controls; Security Hub findings; warnings not said above; counts
 * by downtime class; the posture summary; the cascades as a Mermaid graph; then a collapsed table per stack.
 *
 * GitHub rejects comments over 65,536 characters, so the comment is rendered at decreasing levels of detail until it
 * fits, dropping the least severe detail first and saying what was left out.
 */

import type { ReviewReport } from '../report.js';
import { APP_WORDING, type Wording } from '../wording.js';
import { digest, type Digest } from './digest.js';
import {
  blockingSection,
  cascadeSection,
  controlsSection,
  deploySection,
  downtimeSection,
  findingsFooter,
  findingsSection,
  postureSection,
  stackTable,
  unattachedSection,
  warningsSection,
} from './markdown-sections.js';

export const COMMENT_MARKER = '<!-- stackguard:review -->';
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  maxLength?: number;
  /** Turns a source location into a link (the App links to the file at the head SHA). */
  sourceLink?: (file: string, line: number) => string | undefined;
  /** Which door the comment is read through (App by default): the CLI has no check run to point at. */
  wording?: Wording;
}

export interface Level {
  /** Rows in the per-stack tables: every change, only those with downtime or controls, or none at all. */
  tables: 'all' | 'notable' | 'none';
  reasonsInTables: boolean;
  maxBlocking: number;
  maxDeploy: number;
  maxControls: number;
  cascades: boolean;
  omitted: string[];
}

const LEVELS: Level[] = [
  { tables: 'all', reasonsInTables: true, maxBlocking: Infinity, maxDeploy: Infinity, maxControls: Infinity, cascades: true, omitted: [] },
  { tables: 'all', reasonsInTables: false, maxBlocking: Infinity, maxDeploy: Infinity, maxControls: Infinity, cascades: true, omitted: ['reasons and values in the per-stack tables'] },
  { tables: 'notable', reasonsInTables: false, maxBlocking: Infinity, maxDeploy: Infinity, maxControls: Infinity, cascades: true, omitted: ['changes without downtime or control impact from the per-stack tables'] },
  { tables: 'none', reasonsInTables: false, maxBlocking: Infinity, maxDeploy: 100, maxControls: 100, cascades: true, omitted: ['the per-stack tables', 'downtime and control changes beyond the first 100'] },
  { tables: 'none', reasonsInTables: false, maxBlocking: 50, maxDeploy: 20, maxControls: 20, cascades: false, omitted: ['the per-stack tables', 'the cascade graph', 'blocking changes beyond the first 50', 'downtime and control changes beyond the first 20'] },
  { tables: 'none', reasonsInTables: false, maxBlocking: 10, maxDeploy: 10, maxControls: 0, cascades: false, omitted: ['the per-stack tables', 'the cascade graph', 'blocking and downtime changes beyond the first 10', 'the control changes'] },
];

export function renderMarkdown(report: ReviewReport, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const d = digest(report);
  for (const level of LEVELS) {
    const text = render(report, d, level, options);
    if (text.length <= limit) return text;
  }
  const fallback = `${headline(d)}\n\nThe review is too large for a comment; ${elsewhere(options.wording)}.\n\n${COMMENT_MARKER}\n`;
  return fallback.slice(0, limit);
}

function render(report: ReviewReport, d: Digest, level: Level, options: MarkdownOptions): string {
  const parts = [headline(d)];
  if (d.blocking.length > 0) parts.push(blockingSection(d.blocking, level.maxBlocking, options));
  if (d.unattached.length > 0) parts.push(unattachedSection(d.unattached));
  if (d.deploy.length > 0) parts.push(deploySection(d.deploy, level.maxDeploy, options));
  if (level.maxControls > 0 && d.regressions.length + d.improvements.length > 0) {
    parts.push(controlsSection([...d.regressions, ...d.improvements], level.maxControls));
  }
  const findings = report.findings;
  if (findings?.consulted && findings.resolved.length + findings.leftOpen.length > 0) parts.push(findingsSection(findings, Math.min(level.maxControls, 20)));
  if (d.warnings.length > 0) parts.push(warningsSection(d.warnings, options));
  if (d.verdict !== 'no-changes') parts.push(downtimeSection(report));
  const stackNotes = report.stacks.filter((s) => s.notes.length > 0);
  if (stackNotes.length > 0) parts.push(stackNotes.map((s) => `> **${s.stackName}** (${s.status}): ${s.notes.join(' ')}`).join('\n>\n'));
  const posture = postureSection(report.posture);
  if (posture) parts.push(posture);
  const cascades = level.cascades ? cascadeSection(report) : undefined;
  if (cascades) parts.push(cascades);
  if (level.tables !== 'none') {
    const tables = report.stacks.filter((s) => s.changes.length > 0).map((s) => stackTable(s, level, options));
    if (tables.length > 0) parts.push(tables.join('\n\n'));
  }
  if (level.omitted.length > 0) parts.push(`_Left out to fit GitHub's comment size limit: ${level.omitted.join('; ')}. ${everything(options.wording)}_`);
  parts.push(`<sub>Baseline: ${report.baseline.description} (${report.baseline.kind}).${findingsFooter(report.findings)}</sub>\n\n${COMMENT_MARKER}`);
  return `${parts.join('\n\n')}\n`;
}

function headline(d: Digest): string {
  const icon = d.verdict === 'blocked' ? '⛔' : d.verdict === 'clear' ? '✅' : '⚪';
  return `**${icon} stackguard — ${d.headline}**`;
}

function elsewhere(wording: Wording = APP_WORDING): string {
  return wording.door === 'app' ? 'read the check run or run `stackguard review` locally' : 'read it with `--format text` or `--format json`';
}

function everything(wording: Wording = APP_WORDING): string {
  return wording.door === 'app' ? 'The check run and `--format json` have everything.' : '`--format text` and `--format json` have everything.';
}
