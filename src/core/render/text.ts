/**
 * The review for a terminal (and for the check run's text): the same digest as the PR comment, as plain lines.
 * Colour is the caller's decision (TTY, NO_COLOR); the renderer only applies it.
 */

import { inspect } from 'node:util';
import { findingLabel, findingsHeadline, findingsSource } from '../findings/summary.js';
import { DOWNTIMES, type ChangeReport, type Downtime, type ReviewReport } from '../report.js';
import { digest, name, plural } from './digest.js';

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
      for (const warning of change.warnings) out.push(`      ! ${warning}`);
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
    for (const located of d.warnings) for (const w of located.change.warnings) out.push(`  ! ${name(located)}: ${w}`);
    out.push('');
  }

  for (const error of report.posture.ruleErrors) out.push(paint('yellow', `! rule ${error.ruleId} failed on ${error.stackName}/${error.resource} (${error.side}): ${error.message}`));
  if (report.posture.stillFailing.length > 0) {
    const ids = report.posture.stillFailing.map((c) => `${c.controlId} (${c.severity}, ${c.resources})`);
    out.push(`${paint('bold', 'Already failing before this PR')}: ${ids.join(', ')}`);
  }
  if (report.posture.notJudged > 0) out.push(`${report.posture.notJudged} control evaluations could not be judged statically.`);

  const counts = report.summary.byDowntime;
  out.push(`${paint('bold', 'Downtime')}: ${DOWNTIMES.map((k) => `${paint(DOWNTIME_STYLE[k], k)} ${counts[k]}`).join(' · ')}`, '');

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
      if (!change.blocking) for (const reason of change.reasons) out.push(`        - ${reason}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function source(change: ChangeReport): string {
  return change.source ? ` (${change.source.file}:${change.source.line})` : '';
}
