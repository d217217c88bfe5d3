/** The sections of the PR comment, each a pure function of the digest or report; markdown.ts orders and sizes them. */

import { worstDowntime } from '../downtime.js';
import { findingsHeadline, findingsSource } from '../findings/summary.js';
import { DOWNTIMES, type ChangeReport, type FindingRef, type FindingsSection, type Posture, type ReviewReport, type StackReport } from '../report.js';
import { cascadeGraph } from './cascades.js';
import { mainReason, name, ownWarnings, plural, type LocatedChange, type LocatedControl } from './digest.js';
import type { Level, MarkdownOptions } from './markdown.js';
import { postureGroups, postureItemText } from './posture-summary.js';
import { omittedText, plainValue, valueLines } from './values.js';

export function blockingSection(blocking: LocatedChange[], max: number, options: MarkdownOptions): string {
  const shown = blocking.slice(0, max).map((c) => blockingItem(c, options));
  const where = options.wording?.door === 'cli' ? '`--format text`' : 'the check run';
  const more = blocking.length > max ? [`- …and ${blocking.length - max} more blocking changes (see ${where}).`] : [];
  return [`### Blocking changes`, ...shown, ...more].join('\n');
}

function blockingItem(located: LocatedChange, options: MarkdownOptions): string {
  const { change } = located;
  const lines = [`- **${name(located)}** \`${change.resourceType}\` — **${change.action}**, downtime **${change.downtime}**${change.stateful ? ', stateful' : ''}${sourceText(change, options)}`];
  for (const cause of change.blockedBy) lines.push(`  - ⛔ ${cause.detail}`);
  for (const reason of change.reasons) lines.push(`  - ${escapeInline(reason)}`);
  const values = valueLines(change);
  for (const value of values.lines) lines.push(`  - ✏️ ${plainValue(value, code)}`);
  if (values.omitted > 0) lines.push(`  - ✏️ ${omittedText(values.omitted)}`);
  for (const warning of ownWarnings(change)) lines.push(`  - ⚠️ ${escapeInline(warning)}`);
  for (const advice of change.advice) lines.push(`  - 👉 ${advice}`);
  return lines.join('\n');
}

/** One line per change that does not block but interrupts the running system during the deploy. */
export function deploySection(deploy: LocatedChange[], max: number, options: MarkdownOptions): string {
  const items = deploy.slice(0, max).map((located) => {
    const { change } = located;
    const reason = mainReason(change);
    const values = valueLines(change, (p) => p.downtime === change.downtime).lines.map((v) => plainValue(v, code));
    const cause = change.causedBy.length > 0 ? ` (caused by ${change.causedBy.map((id) => `\`${id}\``).join(', ')})` : '';
    return `- **${change.downtime}** · **${name(located)}** \`${change.resourceType}\` — ${change.action}${cause}${sourceText(change, options)}${reason ? `: ${escapeInline(reason)}` : ''}${values.length > 0 ? ` (${values.join('; ')})` : ''}`;
  });
  const more = deploy.length > max ? [`- …and ${deploy.length - max} more.`] : [];
  return ['### Downtime during deploy', 'Not blocking, but the running system feels these while the change deploys:', ...items, ...more].join('\n');
}

export function unattachedSection(controls: Posture['unattached']): string {
  const items = controls.map(
    (c) =>
      `- ${c.blocking ? '⛔' : c.effect === 'regression' ? '🔻' : '🔺'} **${c.controlId}** (${c.severity}) ${c.effect} on \`${c.stackName}/${c.resource}\` — SOC 2 ${c.soc2.join(', ') || '—'}: ${escapeInline(c.title)}` +
      c.blockedBy.map((b) => `\n  - ⛔ ${b.detail}`).join(''),
  );
  return ['### Control changes without a resource change', 'Caused by the app as a whole (another stack, a removed resource), not by one changed resource:', ...items].join('\n');
}

/** What the head side still fails regardless of this PR, grouped by criterion, and rules that could not run. */
export function postureSection(posture: Posture): string | undefined {
  const lines: string[] = [];
  for (const error of posture.ruleErrors) lines.push(`- ❗ rule \`${error.ruleId}\` failed on ${error.stackName}/${error.resource} (${error.side}): ${escapeInline(error.message)}`);
  const summary = postureGroups(posture.stillFailing);
  for (const group of summary.groups) {
    const more = group.more > 0 ? `, and ${group.more} more` : '';
    lines.push(`- **${group.criterion}** (worst ${group.worst}): ${group.items.map(postureItemText).join(', ')}${more}`);
  }
  if (summary.moreGroups > 0) lines.push(`- …and ${plural(summary.moreGroups, 'more criterion', 'more criteria')} (see \`--format json\`).`);
  if (posture.notJudged > 0) lines.push(`- ${plural(posture.notJudged, 'control evaluation', 'control evaluations')} could not be judged statically (parameters, conditions, imports).`);
  if (lines.length === 0) return undefined;
  const title = summary.controls > 0 ? `SOC 2 posture: ${plural(summary.controls, 'control', 'controls')} already failing before this PR, not caused by it` : 'SOC 2 posture of this app';
  return [`<details><summary>${title}</summary>`, '', ...lines, '', '</details>'].join('\n');
}

export function cascadeSection(report: ReviewReport): string | undefined {
  const graph = cascadeGraph(report);
  if (!graph) return undefined;
  const more = graph.omitted > 0 ? `\n\n…and ${plural(graph.omitted, 'more change', 'more changes')} in cascades, in the per-stack tables.` : '';
  return [
    `<details><summary>Cascades: what the replacements drag along (${plural(graph.nodes, 'change', 'changes')})</summary>`,
    '',
    '```mermaid',
    graph.mermaid,
    '```',
    '',
    `Colour is downtime: grey none, blue atomic or rolling, yellow interruption, red replacement or deletion; a thick red border blocks.${more}`,
    '',
    '</details>',
  ].join('\n');
}

export function controlsSection(controls: LocatedControl[], max: number): string {
  const rows = controls.slice(0, max).map(({ stack, change, control }) => {
    const effect = control.accepted ? `${control.effect} (accepted risk: ${escapeCell(control.accepted.rationale)})` : control.effect;
    return `| ${control.effect === 'regression' ? '🔻' : '🔺'} ${control.controlId} | ${control.severity} | ${effect} | \`${stack.stackName}/${control.resource}\` (via ${change.logicalId}) | ${control.soc2.join(', ') || '—'} | ${escapeCell(control.title)} |`;
  });
  const more = controls.length > max ? `\n\n…and ${controls.length - max} more control changes.` : '';
  return ['### SOC 2 controls', '| Control | Severity | Effect | Resource | SOC 2 | Title |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + more;
}

/** "This PR resolves N open Security Hub findings: …", the seed's remediation loop, with what stays open. */
export function findingsSection(findings: FindingsSection, max: number): string {
  const item = (mark: string, ref: FindingRef) =>
    `- ${mark} **${ref.controlId}** (${ref.severity}) on \`${ref.stackName}/${ref.resource}\` — SOC 2 ${ref.soc2.join(', ') || '—'}: ${escapeInline(ref.title)}`;
  const list = (mark: string, refs: FindingRef[]) => [
    ...refs.slice(0, max).map((ref) => item(mark, ref)),
    ...(refs.length > max ? [`- …and ${refs.length - max} more (see \`--format json\`).`] : []),
  ];
  return ['### Security Hub findings', escapeInline(findingsHeadline(findings)), '', ...list('✅ resolves', findings.resolved), ...list('⚠️ stays open:', findings.leftOpen)].join('\n');
}

export function findingsFooter(findings: FindingsSection | undefined): string {
  if (!findings) return '';
  // The section above already has the headline when it lists findings; the footer then only says where from.
  const listed = findings.consulted && findings.resolved.length + findings.leftOpen.length > 0;
  const parts = [listed ? undefined : findingsHeadline(findings), findingsSource(findings)].filter((p) => p !== undefined);
  return ` ${escapeInline(parts.join(' '))}`;
}

export function downtimeSection(report: ReviewReport): string {
  const counts = report.summary.byDowntime;
  return [
    `### Downtime (${plural(report.summary.changes, 'change', 'changes')} in ${plural(report.summary.stacks, 'stack', 'stacks')})`,
    `| ${DOWNTIMES.join(' | ')} |`,
    `| ${DOWNTIMES.map(() => '---').join(' | ')} |`,
    `| ${DOWNTIMES.map((d) => String(counts[d])).join(' | ')} |`,
  ].join('\n');
}

export function warningsSection(warnings: LocatedChange[], options: MarkdownOptions): string {
  const items = warnings.flatMap((c) => ownWarnings(c.change).map((w) => `- **${name(c)}**${sourceText(c.change, options)}: ${escapeInline(w)}`));
  return ['### Warnings', ...items].join('\n');
}

export function stackTable(stack: StackReport, level: Level, options: MarkdownOptions): string {
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
  if (level.reasonsInTables) {
    const values = valueLines(change);
    const why = [...change.reasons.map(escapeCell), ...values.lines.map((v) => escapeCell(plainValue(v, code))), ...(values.omitted > 0 ? [omittedText(values.omitted)] : [])];
    cells.push(why.join('; ') || '—');
  }
  return `| ${cells.join(' | ')} |`;
}

function sourceText(change: ChangeReport, options: MarkdownOptions): string {
  if (!change.source) return '';
  const label = `${change.source.file}:${change.source.line}`;
  const link = options.sourceLink?.(change.source.file, change.source.line);
  return link ? ` · [\`${label}\`](${link})` : ` · \`${label}\``;
}

/** A value as inline code; a value holding backticks gets a longer fence, as CommonMark allows. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeInline(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
