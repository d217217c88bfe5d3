/**
 * The posture report as Markdown: the seed's readiness table, then the failing criteria as a triage list (worst
 * severity first), the failing controls, and the accepted risks with their owners and expiry.
 */

import { SEVERITIES } from '../report.js';
import { plural, ratioText, scopeText, severityCountsText } from './format.js';
import type { AcceptedRiskPosture, PostureReport } from './types.js';

export function renderPostureMarkdown(report: PostureReport): string {
  const t = report.totals;
  const parts = [
    `## SOC 2 readiness — ${scopeText(report)} (${report.generatedOn})`,
    [
      '| Measure | Value |',
      '| --- | --- |',
      `| SOC 2 controls passing | **${ratioText(t.soc2Controls)}** |`,
      `| CIS controls passing | **${ratioText(t.cisControls)}** |`,
      `| SOC 2 criteria passing | ${ratioText(t.criteria)} |`,
      `| Failed findings | ${t.failedFindings} of ${t.findings} active (${severityCountsText(t.failedBySeverity)}) |`,
    ].join('\n'),
  ];

  const failing = report.criteria.filter((c) => c.state === 'failing');
  if (failing.length > 0) {
    const severities = [...SEVERITIES].reverse();
    parts.push(
      [
        '### Failing SOC 2 criteria (worst first)',
        '',
        `| Criterion | Worst | ${severities.join(' | ')} | Failing controls |`,
        `| --- | --- | ${severities.map(() => '---:').join(' | ')} | --- |`,
        ...failing.map((c) => `| ${c.criterion} | ${c.worstSeverity ?? '—'} | ${severities.map((s) => c.failedFindings[s]).join(' | ')} | ${c.failingControls.join(', ')} |`),
      ].join('\n'),
    );
  }
  const passing = report.criteria.filter((c) => c.state === 'passing');
  if (passing.length > 0) {
    parts.push(`### Passing SOC 2 criteria\n\n${passing.map((c) => `${c.criterion} (${plural(c.controls.passing, 'control', 'controls')})`).join(' · ')}`);
  }

  const failingControls = report.controls.filter((c) => c.state === 'failing');
  if (failingControls.length > 0) {
    const rows = failingControls.map(
      (c) =>
        `| ${c.controlId} | ${c.severity} | ${c.findings.failed} | ${c.soc2.join(', ') || '—'} | ${c.cis.join(', ') || '—'} | ${cell(c.title)}${c.accepted ? ' _(accepted risk)_' : ''} |`,
    );
    const unmapped = failingControls.filter((c) => c.soc2.length === 0).length;
    const note = unmapped > 0 ? `\n\n${plural(unmapped, 'failing control maps', 'failing controls map')} to no SOC 2 criterion in stackguard's mapping data, so the SOC 2 totals leave ${unmapped === 1 ? 'it' : 'them'} out.` : '';
    parts.push(['### Failing controls', '', '| Control | Severity | Failed findings | SOC 2 | CIS | Title |', '| --- | --- | ---: | --- | --- | --- |', ...rows].join('\n') + note);
  }

  parts.push(acceptedRisksSection(report.acceptedRisks));
  return `${parts.join('\n\n')}\n`;
}

function acceptedRisksSection(risks: AcceptedRiskPosture[]): string {
  if (risks.length === 0) return '### Accepted risks\n\nNone in the config (`acceptedRisks`).';
  const rows = risks.map(
    (r) =>
      `| ${r.control ?? '*'} | ${r.stack ?? '*'} | ${r.resource ?? '*'} | ${cell(r.owner)} | ${r.expires}${r.expired ? ' ⚠️ **expired**' : ''} | ${r.control === null ? '—' : r.failedFindings} | ${cell(r.rationale)} |`,
  );
  const expired = risks.filter((r) => r.expired).length;
  const note = expired > 0 ? `\n\n${plural(expired, 'accepted risk has', 'accepted risks have')} expired: renew ${expired === 1 ? 'it' : 'them'} with a new date and rationale, or fix the finding.` : '';
  return ['### Accepted risks', '', '| Control | Stack | Resource | Owner | Expires | Failed findings | Rationale |', '| --- | --- | --- | --- | --- | ---: | --- |', ...rows].join('\n') + note;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;');
}
