/** The posture report for a terminal: the same sections as the Markdown, as aligned plain lines. */

import { plural, ratioText, scopeText, severityCountsText } from './format.js';
import type { PostureReport } from './types.js';

export function renderPostureText(report: PostureReport): string {
  const t = report.totals;
  const out = [
    `SOC 2 readiness — ${scopeText(report)} (${report.generatedOn})`,
    `  SOC 2 controls passing  ${ratioText(t.soc2Controls)}`,
    `  CIS controls passing    ${ratioText(t.cisControls)}`,
    `  SOC 2 criteria passing  ${ratioText(t.criteria)}`,
    `  failed findings         ${t.failedFindings} of ${t.findings} active: ${severityCountsText(t.failedBySeverity)}`,
    '',
  ];

  const failing = report.criteria.filter((c) => c.state === 'failing');
  if (failing.length > 0) {
    out.push('Failing SOC 2 criteria (worst first)');
    for (const c of failing) {
      out.push(`  ✖ ${c.criterion.padEnd(7)} ${(c.worstSeverity ?? '').padEnd(13)} ${severityCountsText(c.failedFindings)}  — ${c.failingControls.join(', ')}`);
    }
    out.push('');
  }
  const passing = report.criteria.filter((c) => c.state === 'passing');
  if (passing.length > 0) {
    out.push('Passing SOC 2 criteria', `  ✔ ${passing.map((c) => `${c.criterion} (${plural(c.controls.passing, 'control', 'controls')})`).join(', ')}`, '');
  }

  const failingControls = report.controls.filter((c) => c.state === 'failing');
  if (failingControls.length > 0) {
    out.push('Failing controls');
    for (const c of failingControls) {
      const accepted = c.accepted ? ' [accepted risk]' : '';
      out.push(`  ${c.controlId.padEnd(18)} ${c.severity.padEnd(13)} ${String(c.findings.failed).padStart(4)} failed  SOC 2 ${c.soc2.join(', ') || '—'}  ${c.title}${accepted}`);
    }
    out.push('');
  }

  out.push('Accepted risks (config acceptedRisks)');
  if (report.acceptedRisks.length === 0) out.push('  none');
  for (const r of report.acceptedRisks) {
    const where = [r.control ?? '*', r.stack ? `stack ${r.stack}` : '', r.resource ? `resource ${r.resource}` : ''].filter(Boolean).join(', ');
    const findings = r.control === null ? '' : `, ${plural(r.failedFindings, 'failed finding', 'failed findings')}`;
    out.push(`  ${r.expired ? '⚠ EXPIRED' : '•'} ${where} — owner ${r.owner}, expires ${r.expires}${findings}`, `      ${r.rationale}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
