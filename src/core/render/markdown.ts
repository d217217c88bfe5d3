/**
 * The PR comment. First line: the verdict and why. Then the blocking changes with their reasons, source lines and
 * what to do; control regressions and improvements; counts by downtime class; then a collapsed table per stack.
 *
 * GitHub rejects comments over 65,536 characters, so the comment is rendered at decreasing levels of detail until it
 * fits, dropping the least severe detail first and saying what was left out.
 */

import { findingsHeadline, findingsSource } from '../findings/summary.js';
import { DOWNTIMES, SEVERITIES, type ChangeReport, type FindingRef, type FindingsSection, type Posture, type ReviewReport, type StackReport } from '../report.js';
import { worstDowntime } from '../downtime.js';
import { digest, name, plural, type Digest, type LocatedChange, type LocatedControl } from './digest.js';

export const COMMENT_MARKER = '<!-- stackguard:review -->';
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  maxLength?: number;
  /** Turns a source location into a link (the App links to the file at the head SHA). */
  sourceLink?: (file: string, line: number) => string | undefined;
}

interface Level {
  /** Rows in the per-stack tables: every change, only those with downtime or controls, or none at all. */
  tables: 'all' | 'notable' | 'none';
  reasonsInTables: boolean;
  maxBlocking: number;
  maxControls: number;
  omitted: string[];
}

const LEVELS: Level[] = [
  { tables: 'all', reasonsInTables: true, maxBlocking: Infinity, maxControls: Infinity, omitted: [] },
  { tables: 'all', reasonsInTables: false, maxBlocking: Infinity, maxControls: Infinity, omitted: ['reasons in the per-stack tables'] },
  { tables: 'notable', reasonsInTables: false, maxBlocking: Infinity, maxControls: Infinity, omitted: ['changes without downtime or control impact from the per-stack tables'] },
  { tables: 'none', reasonsInTables: false, maxBlocking: Infinity, maxControls: 100, omitted: ['the per-stack tables', 'control changes beyond the first 100'] },
  { tables: 'none', reasonsInTables: false, maxBlocking: 50, maxControls: 20, omitted: ['the per-stack tables', 'blocking changes beyond the first 50', 'control changes beyond the first 20'] },
  { tables: 'none', reasonsInTables: false, maxBlocking: 10, maxControls: 0, omitted: ['the per-stack tables', 'blocking changes beyond the first 10', 'the control changes'] },
];

export function renderMarkdown(report: ReviewReport, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const d = digest(report);
  for (const level of LEVELS) {
    const text = render(report, d, level, options);
    if (text.length <= limit) return text;
  }
  const fallback = `${headline(d)}\n\nThe review is too large for a comment; read the check run or run \`stackguard review\` locally.\n\n${COMMENT_MARKER}\n`;
  return fallback.slice(0, limit);
}

function render(report: ReviewReport, d: Digest, level: Level, options: MarkdownOptions): string {
  const parts = [headline(d)];
  if (d.blocking.length > 0) parts.push(blockingSection(d.blocking, level.maxBlocking, options));
  if (d.unattached.length > 0) parts.push(unattachedSection(d.unattached));
  if (level.maxControls > 0 && d.regressions.length + d.improvements.length > 0) {
    parts.push(controlsSection([...d.regressions, ...d.improvements], level.maxControls));
  }
  const findings = report.findings;
  if (findings?.consulted && findings.resolved.length + findings.leftOpen.length > 0) parts.push(findingsSection(findings, Math.min(level.maxControls, 20)));
  if (d.verdict !== 'no-changes') parts.push(downtimeSection(report));
  if (d.warnings.length > 0) parts.push(warningsSection(d.warnings, options));
  const stackNotes = report.stacks.filter((s) => s.notes.length > 0);
  if (stackNotes.length > 0) parts.push(stackNotes.map((s) => `> **${s.stackName}** (${s.status}): ${s.notes.join(' ')}`).join('\n>\n'));
  const posture = postureSection(report.posture);
  if (posture) parts.push(posture);
  if (level.tables !== 'none') {
    const tables = report.stacks.filter((s) => s.changes.length > 0).map((s) => stackTable(s, level, options));
    if (tables.length > 0) parts.push(tables.join('\n\n'));
  }
  if (level.omitted.length > 0) parts.push(`_Left out to fit GitHub's comment size limit: ${level.omitted.join('; ')}. The check run and \`--format json\` have everything._`);
  parts.push(`<sub>Baseline: ${report.baseline.description} (${report.baseline.kind}).${findingsFooter(report.findings)}</sub>\n\n${COMMENT_MARKER}`);
  return `${parts.join('\n\n')}\n`;
}

function headline(d: Digest): string {
  const icon = d.verdict === 'blocked' ? '⛔' : d.verdict === 'clear' ? '✅' : '⚪';
  return `**${icon} stackguard — ${d.headline}**`;
}

function blockingSection(blocking: LocatedChange[], max: number, options: MarkdownOptions): string {
  const shown = blocking.slice(0, max).map((c) => blockingItem(c, options));
  const more = blocking.length > max ? [`- …and ${blocking.length - max} more blocking changes (see the check run).`] : [];
  return [`### Blocking changes`, ...shown, ...more].join('\n');
}

function blockingItem(located: LocatedChange, options: MarkdownOptions): string {
  const { change } = located;
  const lines = [`- **${name(located)}** \`${change.resourceType}\` — **${change.action}**, downtime **${change.downtime}**${change.stateful ? ', stateful' : ''}${sourceText(change, options)}`];
  for (const cause of change.blockedBy) lines.push(`  - ⛔ ${cause.detail}`);
  for (const reason of change.reasons) lines.push(`  - ${escapeInline(reason)}`);
  for (const warning of change.warnings) lines.push(`  - ⚠️ ${escapeInline(warning)}`);
  for (const advice of change.advice) lines.push(`  - 👉 ${advice}`);
  return lines.join('\n');
}

function unattachedSection(controls: Posture['unattached']): string {
  const items = controls.map(
    (c) =>
      `- ${c.blocking ? '⛔' : c.effect === 'regression' ? '🔻' : '🔺'} **${c.controlId}** (${c.severity}) ${c.effect} on \`${c.stackName}/${c.resource}\` — SOC 2 ${c.soc2.join(', ') || '—'}: ${escapeInline(c.title)}` +
      c.blockedBy.map((b) => `\n  - ⛔ ${b.detail}`).join(''),
  );
  return ['### Control changes without a resource change', 'Caused by the app as a whole (another stack, a removed resource), not by one changed resource:', ...items].join('\n');
}

/** What the head side still fails regardless of this PR, and rules that could not run: counted, not listed per change. */
function postureSection(posture: Posture): string | undefined {
  const lines: string[] = [];
  for (const error of posture.ruleErrors) lines.push(`- ❗ rule \`${error.ruleId}\` failed on ${error.stackName}/${error.resource} (${error.side}): ${escapeInline(error.message)}`);
  if (posture.stillFailing.length > 0) {
    const failing = [...posture.stillFailing].sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
    const shown = failing.slice(0, 10).map((c) => `${c.controlId} (${c.severity}, ${plural(c.resources, 'resource', 'resources')})`);
    lines.push(`- Already failing before this PR, not caused by it: ${shown.join(', ')}${failing.length > 10 ? `, and ${failing.length - 10} more` : ''}.`);
  }
  if (posture.notJudged > 0) lines.push(`- ${plural(posture.notJudged, 'control evaluation', 'control evaluations')} could not be judged statically (parameters, conditions, imports).`);
  return lines.length > 0 ? ['<details><summary>SOC 2 posture of this app</summary>', '', ...lines, '', '</details>'].join('\n') : undefined;
}

function controlsSection(controls: LocatedControl[], max: number): string {
  const rows = controls.slice(0, max).map(({ stack, change, control }) => {
    const effect = control.accepted ? `${control.effect} (accepted risk: ${escapeCell(control.accepted.rationale)})` : control.effect;
    return `| ${control.effect === 'regression' ? '🔻' : '🔺'} ${control.controlId} | ${control.severity} | ${effect} | \`${stack.stackName}/${control.resource}\` (via ${change.logicalId}) | ${control.soc2.join(', ') || '—'} | ${escapeCell(control.title)} |`;
  });
  const more = controls.length > max ? `\n\n…and ${controls.length - max} more control changes.` : '';
  return ['### SOC 2 controls', '| Control | Severity | Effect | Resource | SOC 2 | Title |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + more;
}

/** "This PR resolves N open Security Hub findings: …", the seed's remediation loop, with what stays open. */
function findingsSection(findings: FindingsSection, max: number): string {
  const item = (mark: string, ref: FindingRef) =>
    `- ${mark} **${ref.controlId}** (${ref.severity}) on \`${ref.stackName}/${ref.resource}\` — SOC 2 ${ref.soc2.join(', ') || '—'}: ${escapeInline(ref.title)}`;
  const list = (mark: string, refs: FindingRef[]) => [
    ...refs.slice(0, max).map((ref) => item(mark, ref)),
    ...(refs.length > max ? [`- …and ${refs.length - max} more (see \`--format json\`).`] : []),
  ];
  return ['### Security Hub findings', escapeInline(findingsHeadline(findings)), '', ...list('✅ resolves', findings.resolved), ...list('⚠️ stays open:', findings.leftOpen)].join('\n');
}

function findingsFooter(findings: FindingsSection | undefined): string {
  if (!findings) return '';
  // The section above already has the headline when it lists findings; the footer then only says where from.
  const listed = findings.consulted && findings.resolved.length + findings.leftOpen.length > 0;
  const parts = [listed ? undefined : findingsHeadline(findings), findingsSource(findings)].filter((p) => p !== undefined);
  return ` ${escapeInline(parts.join(' '))}`;
}

function downtimeSection(report: ReviewReport): string {
  const counts = report.summary.byDowntime;
  return [
    `### Downtime (${plural(report.summary.changes, 'change', 'changes')} in ${plural(report.summary.stacks, 'stack', 'stacks')})`,
    `| ${DOWNTIMES.join(' | ')} |`,
    `| ${DOWNTIMES.map(() => '---').join(' | ')} |`,
    `| ${DOWNTIMES.map((d) => String(counts[d])).join(' | ')} |`,
  ].join('\n');
}

function warningsSection(warnings: LocatedChange[], options: MarkdownOptions): string {
  const items = warnings.flatMap((c) => c.change.warnings.map((w) => `- **${name(c)}**${sourceText(c.change, options)}: ${escapeInline(w)}`));
  return ['### Warnings', ...items].join('\n');
}

function stackTable(stack: StackReport, level: Level, options: MarkdownOptions): string {
  const rows = level.tables === 'all' ? stack.changes : stack.changes.filter((c) => c.downtime !== 'none' || c.controls.length > 0 || c.blocking);
  const worst = worstDowntime(stack.changes.map((c) => c.downtime));
  const title = `<b>${stack.parentStack ? `${stack.stackName} (nested in ${stack.parentStack})` : stack.stackName}</b> — ${stack.status}, ${plural(stack.changes.length, 'change', 'changes')}, worst downtime: ${worst}`;
  const header = level.reasonsInTables
    ? ['| Resource | Type | Action | Downtime | SOC 2 | Why |', '| --- | --- | --- | --- | --- | --- |']
    : ['| Resource | Type | Action | Downtime | SOC 2 |', '| --- | --- | --- | --- | --- |'];
  const body = rows.map((c) => row(c, level, options));
  const hidden = stack.changes.length - rows.length;
  const note = hidden > 0 ? `\n\n${plural(hidden, 'change', 'changes')} without downtime or control impact not shown.` : '';
  return `<details><summary>${title}</summary>\n\n${[...header, ...body].join('\n')}${note}\n\n</details>`;
}

function row(change: ChangeReport, level: Level, options: MarkdownOptions): string {
  const flags = [change.blocking ? '⛔' : '', change.stateful ? '💾' : ''].filter(Boolean).join(' ');
  const soc2 = [...new Set(change.controls.flatMap((c) => c.soc2))].join(', ') || '—';
  const cells = [
    `${flags ? `${flags} ` : ''}\`${change.logicalId}\`${sourceText(change, options)}`,
    `\`${change.resourceType}\``,
    change.renamedFrom ? `${change.action} (rename of \`${change.renamedFrom}\`?)` : change.action,
    change.downtime,
    soc2,
  ];
  if (level.reasonsInTables) cells.push(escapeCell(change.reasons.join('; ')) || '—');
  return `| ${cells.join(' | ')} |`;
}

function sourceText(change: ChangeReport, options: MarkdownOptions): string {
  if (!change.source) return '';
  const label = `${change.source.file}:${change.source.line}`;
  const link = options.sourceLink?.(change.source.file, change.source.line);
  return link ? ` · [\`${label}\`](${link})` : ` · \`${label}\``;
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeInline(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
