/**
 * The evidence report as CSV for sampling: one row per merged pull request of the period (the whole population;
 * filter on `changed_cdk_app` for the infrastructure changes), exceptions first as in the report. RFC 4180
 * (CRLF line ends, quotes doubled) by csv-stringify; cells that a spreadsheet would run as a formula (a title
 * starting with "=") are escaped. Pure.
 */

import { stringify } from 'csv-stringify/sync';
import type { EvidenceReport, PullRequestEvidence } from './schema.js';

const COLUMNS: Array<[string, (p: PullRequestEvidence) => string | number]> = [
  ['pull_request', (p) => p.number],
  ['title', (p) => p.title],
  ['url', (p) => p.url],
  ['author', (p) => p.author ?? ''],
  ['merged_by', (p) => p.mergedBy ?? ''],
  ['merged_at', (p) => p.mergedAt],
  ['head_sha', (p) => p.headSha],
  ['changed_cdk_app', (p) => (p.changedApp ? 'yes' : 'no')],
  ['outcome', (p) => p.outcome],
  ['exceptions', (p) => p.exceptions.map((e) => `${e.kind}: ${e.detail}`).join('; ')],
  ['check_conclusion', (p) => (p.check ? (p.check.conclusion ?? p.check.status) : 'none')],
  ['check_completed_at', (p) => p.check?.completedAt ?? ''],
  ['check_record', (p) => p.check?.record ?? ''],
  ['changes', (p) => p.totals?.changes ?? ''],
  ['blocking_changes', (p) => p.blocking.map((b) => `${b.stack}/${b.resource} ${b.action} (${b.downtime ?? 'control'})`).join('; ')],
  ['control_regressions', (p) => p.regressions.map((r) => `${r.controlId} ${r.severity} on ${r.stack}/${r.resource}${r.accepted ? ' (accepted)' : ''}`).join('; ')],
  ['soc2_criteria', (p) => [...new Set(p.regressions.flatMap((r) => r.soc2))].sort().join(' ')],
  ['fingerprint', (p) => p.fingerprint ?? ''],
  ['acknowledged_by', (p) => covering(p).map((a) => a.by).join('; ')],
  ['acknowledger_permission', (p) => covering(p).map((a) => a.permission ?? a.reason).join('; ')],
  ['acknowledged_at', (p) => covering(p).map((a) => a.at).join('; ')],
  ['acknowledgement_signature', (p) => covering(p).map((a) => a.verification).join('; ')],
];

export function renderEvidenceCsv(report: EvidenceReport): string {
  const rows = report.pullRequests.map((p) => COLUMNS.map(([, value]) => value(p)));
  return stringify([COLUMNS.map(([name]) => name), ...rows], { record_delimiter: 'windows', escape_formulas: true });
}

/** The acknowledgements of the merged blocking changes. */
function covering(p: PullRequestEvidence) {
  return p.acknowledgements.filter((a) => a.coversMergedChanges);
}
