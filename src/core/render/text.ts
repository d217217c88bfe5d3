/**
 * The review for a terminal (and for the check run's text): the same digest as the PR comment, as plain lines, in
 * the same order (verdict, blocking changes, downtime during deploy, controls, warnings, posture, then per stack
 * every change with its reasons and `~ path: old → new` values).
 * Colour is the caller's decision (TTY, NO_COLOR); the renderer only applies it.
 */

import { inspect } from 'node:util';
import { findingLabel, findingsHeadline, findingsSource } from '../findings/summary.js';
import { DOWNTIMES, type ChangeReport, type Downtime, type ReviewReport } from '../report.js';
import { digest, mainReason, name, ownWarnings, plural } from './digest.js';
import { postureGroups, postureItemText } from './posture-summary.js';
import { omittedText, plainValue, valueLines } from './values.js';

export interface TextOptions {
  color?: boolean;
}

type Style = string | string[];

/**
 * ANSI styling from Node's own colour table. Not util.styleText: on Node 22 it also checks the process's stdout and
 * NO_COLOR itself, which would make the renderer impure and double the caller's decision.
 */
function style(styles: Style, text: string): string {
  return (Array.isArray(styles) ? styles : [styles]).reduceRight<string>((acc, name) => {
    const [open, close] = inspect.colors[name] ?? [0, 0];
    return `\u001b[${open}m${acc}\u001b[${close}m`;
  }, text);
}

const DOWNTIME_STYLE: Record<Downtime, Style> = {
  none: 'dim',
  atomic: 'cyan',
  rolling: 'blue',
  interruption: 'yellow',
  replacement: 'red',
  deletion: 'red',
};

export function renderText(report: ReviewReport, options: TextOptions = {}): string {
  const paint = (styles: Style, text: string): string => (options.color ? style(styles, text) : text);
  const d = digest(report);
  const out: string[] = [];
  const icon = d.verdict === 'blocked' ? paint(['bold', 'red'], '✖ BLOCKED') : d.verdict === 'clear' ? paint(['bold', 'green'], '✔ OK') : paint('bold', '○');
  out.push(`${icon} ${paint('bold', d.headline)}`, `  baseline: ${report.baseline.description} (${report.baseline.kind})`);
  if (report.findings) out.push(`  findings: ${findingsHeadline(report.findings)}${report.findings.consulted ? ` ${findingsSource(report.findings)}` : ''}`);
  out.push('');

  if (d.blocking.length > 0) {
    out.push(paint(['bold', 'red'], 'Blocking changes'));
    for (const located of d.blocking) {
      const { change } = located;
      out.push(`  ✖ ${paint('bold', name(located))} ${change.resourceType} — ${change.action}, ${paint(DOWNTIME_STYLE[change.downtime], change.downtime)}${change.stateful ? ', stateful' : ''}${source(change)}`);
      for (const cause of change.blockedBy) out.push(`      ${paint('red', `blocks: ${cause.detail}`)}`);
      for (const reason of change.reasons) out.push(`      - ${reason}`);
      out.push(...values(change, '      ~ '));
      for (const warning of ownWarnings(change)) out.push(`      ! ${warning}`);
      for (const advice of change.advice) out.push(`      → ${advice}`);
    }
    out.push('');
  }

  if (d.unattached.length > 0) {
    out.push(paint('bold', 'Control changes without a resource change'));
    for (const c of d.unattached) {
      const mark = c.blocking ? paint('red', '✖') : c.effect === 'regression' ? paint('red', '▼') : paint('green', '▲');
      out.push(`  ${mark} ${c.controlId} (${c.severity}) ${c.effect} on ${c.stackName}/${c.resource} — SOC 2 ${c.soc2.join(', ') || '—'}: ${c.title}`);
      for (const cause of c.blockedBy) out.push(`      ${paint('red', `blocks: ${cause.detail}`)}`);
    }
    out.push('');
  }

  if (d.deploy.length > 0) {
    out.push(paint(['bold', 'yellow'], 'Downtime during deploy'));
    for (const located of d.deploy) {
      const { change } = located;
      const reason = mainReason(change);
      const shown = valueLines(change, (p) => p.downtime === change.downtime).lines.map((v) => plainValue(v));
      const cause = change.causedBy.length > 0 ? ` (caused by ${change.causedBy.join(', ')})` : '';
      out.push(`  ${paint(DOWNTIME_STYLE[change.downtime], change.downtime.padEnd(12))} ${paint('bold', name(located))} ${change.resourceType} — ${change.action}${cause}${source(change)}${reason ? `: ${reason}` : ''}${shown.length > 0 ? ` (${shown.join('; ')})` : ''}`);
    }
    out.push('');
  }

  const controls = [...d.regressions, ...d.improvements];
  if (controls.length > 0) {
    out.push(paint('bold', 'SOC 2 controls'));
    for (const { stack, change, control } of controls) {
      const mark = control.effect === 'regression' ? paint('red', '▼ regression ') : paint('green', '▲ improvement');
      const accepted = control.accepted ? paint('yellow', ` [accepted risk, owner ${control.accepted.owner}, expires ${control.accepted.expires}]`) : '';
      out.push(`  ${mark} ${control.controlId} (${control.severity}) on ${stack.stackName}/${control.resource} via ${change.logicalId} — SOC 2 ${control.soc2.join(', ') || '—'}: ${control.title}${accepted}`);
    }
    out.push('');
  }

  const findings = report.findings;
  if (findings?.consulted && findings.resolved.length + findings.leftOpen.length > 0) {
    out.push(paint('bold', 'Security Hub findings'));
    for (const ref of findings.resolved) out.push(`  ${paint('green', '✔ resolves')}    ${findingLabel(ref)}: ${ref.title}`);
    for (const ref of findings.leftOpen) out.push(`  ${paint('yellow', '● stays open')} ${findingLabel(ref)}: ${ref.title}`);
    out.push('');
  }

  if (d.warnings.length > 0) {
    out.push(paint(['bold', 'yellow'], 'Warnings'));
    for (const located of d.warnings) for (const w of ownWarnings(located.change)) out.push(`  ! ${name(located)}: ${w}`);
    out.push('');
  }

  const counts = report.summary.byDowntime;
  out.push(`${paint('bold', 'Downtime')}: ${DOWNTIMES.map((k) => `${paint(DOWNTIME_STYLE[k], k)} ${counts[k]}`).join(' · ')}`, '');

  for (const error of report.posture.ruleErrors) out.push(paint('yellow', `! rule ${error.ruleId} failed on ${error.stackName}/${error.resource} (${error.side}): ${error.message}`));
  const posture = postureGroups(report.posture.stillFailing);
  if (posture.controls > 0) {
    out.push(`${paint('bold', 'Already failing before this PR')} (${plural(posture.controls, 'control', 'controls')}, not caused by it)`);
    for (const group of posture.groups) out.push(`  ${group.criterion.padEnd(7)} ${group.items.map(postureItemText).join(', ')}${group.more > 0 ? `, and ${group.more} more` : ''}`);
    if (posture.moreGroups > 0) out.push(`  …and ${plural(posture.moreGroups, 'more criterion', 'more criteria')} (see --format json)`);
  }
  if (report.posture.notJudged > 0) out.push(`${report.posture.notJudged} control evaluations could not be judged statically.`);
  if (posture.controls > 0 || report.posture.notJudged > 0 || report.posture.ruleErrors.length > 0) out.push('');

  for (const stack of report.stacks) {
    if (stack.status === 'unchanged') continue;
    const title = stack.parentStack ? `${stack.stackName} (nested in ${stack.parentStack})` : stack.stackName;
    out.push(`${paint('bold', title)} — ${stack.status}, ${plural(stack.changes.length, 'change', 'changes')}`);
    for (const note of stack.notes) out.push(`  note: ${note}`);
    for (const change of stack.changes) {
      const flags = `${change.blocking ? paint('red', '✖') : ' '}${change.stateful ? '●' : ' '}`;
      const rename = change.renamedFrom ? ` (rename of ${change.renamedFrom}?)` : '';
      const cause = change.causedBy.length > 0 ? ` ← caused by ${change.causedBy.join(', ')}` : '';
      out.push(`  ${flags} ${change.logicalId.padEnd(40)} ${change.resourceType.padEnd(38)} ${change.action.padEnd(8)} ${paint(DOWNTIME_STYLE[change.downtime], change.downtime)}${rename}${cause}`);
      if (change.blocking) continue; // said in full under "Blocking changes"
      for (const reason of change.reasons) out.push(`        - ${reason}`);
      out.push(...values(change, '        ~ '));
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** "~ DBInstanceClass: db.t4g.micro → db.t4g.small" for each changed value. */
function values(change: ChangeReport, indent: string): string[] {
  const { lines, omitted } = valueLines(change);
  return [...lines.map((v) => `${indent}${plainValue(v)}`), ...(omitted > 0 ? [`${indent}${omittedText(omitted)}`] : [])];
}

function source(change: ChangeReport): string {
  return change.source ? ` (${change.source.file}:${change.source.line})` : '';
}
