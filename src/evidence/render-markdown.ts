/**
 * The evidence report as markdown for an auditor: period and totals, the exceptions first, then one section per
 * pull request that changed a CDK app (check, blocking changes, control regressions, acknowledgements), the
 * others in one table, the accepted-risk register, and how the report was produced. Pure.
 */

import { readableTime as time } from '../github/publish/comment-body.js';
import type { EvidenceReport, PullRequestEvidence, RegisterEntry } from './schema.js';

export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const { totals } = report;
  const infra = report.pullRequests.filter((p) => p.changedApp || p.outcome === 'exception');
  const others = report.pullRequests.filter((p) => !infra.includes(p));
  const lines = [
    `# Change-management evidence: ${report.repository}`,
    '',
    `**Period:** pull requests merged into \`${report.defaultBranch}\` from ${time(report.period.since)} up to (not including) ${time(report.period.until)}.`,
    '',
    '| Merged | Changed a CDK app | Passed | Passed with an acknowledgement | With exceptions |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${totals.merged} | ${totals.changedApp} | ${totals.passed} | ${totals.acknowledged} | ${totals.exceptions} |`,
    '',
    ...(totals.merged === 0 ? [`No pull request was merged into \`${report.defaultBranch}\` in the period.`, ''] : []),
    '## Exceptions',
    '',
    ...exceptions(report.pullRequests),
    '## Pull requests that changed a CDK app',
    '',
    ...(infra.length === 0 ? ['None.', ''] : infra.flatMap(section)),
    '## Other merged pull requests',
    '',
    ...(others.length === 0
      ? ['None.', '']
      : ['| Pull request | Author | Merged by | Merged at | Check |', '| --- | --- | --- | --- | --- |', ...others.map((p) => `| ${link(p)} | ${user(p.author)} | ${user(p.mergedBy)} | ${time(p.mergedAt)} | ${p.check?.conclusion ?? 'none'} |`), '']),
    '## Accepted risks and allowed changes over the period',
    '',
    ...register(report.register),
    '## How this report was produced',
    '',
    ...produced(report),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function exceptions(pulls: readonly PullRequestEvidence[]): string[] {
  const rows = pulls.flatMap((p) => p.exceptions.map((e) => `| ${link(p)} | ${time(p.mergedAt)} by ${user(p.mergedBy)} | ${e.kind} | ${cell(e.detail)} |`));
  if (rows.length === 0) return ['None: every pull request that changed a CDK app was merged with a passing stackguard check, and every record verified.', ''];
  return ['| Pull request | Merged | Exception | Detail |', '| --- | --- | --- | --- |', ...rows, ''];
}

function section(p: PullRequestEvidence): string[] {
  const check = p.check
    ? `${p.check.url ? `[check run ${p.check.id}](${p.check.url})` : `check run ${p.check.id}`} by ${p.check.app ?? 'an unknown App'}: ${p.check.status === 'completed' ? p.check.conclusion : p.check.status}${p.check.completedAt ? ` at ${time(p.check.completedAt)}` : ''}; evidence record ${p.check.record}`
    : 'none on the merged commit';
  const lines = [
    `### ${link(p)}: ${cell(p.title)}`,
    '',
    `- **Outcome:** ${p.outcome}`,
    `- **Author:** ${user(p.author)}; **merged by** ${user(p.mergedBy)} at ${time(p.mergedAt)}; head commit \`${p.headSha}\``,
    `- **stackguard check:** ${check}`,
    `- **Changes reviewed:** ${p.totals ? `${p.totals.changes} change(s), ${p.totals.blocking} blocking, ${p.totals.regressions} control regression(s)` : 'not on record'}${p.fingerprint ? `; blocking changes fingerprint \`${p.fingerprint}\`` : ''}`,
    `- **stackguard comment:** ${p.comment.url ? `[comment](${p.comment.url}), ` : ''}state ${p.comment.state}${p.comment.note ? ` (${p.comment.note})` : ''}`,
    '',
  ];
  if (p.blocking.length > 0) {
    lines.push('| Stack | Resource | Type | Action | Downtime | Policy |', '| --- | --- | --- | --- | --- | --- |');
    lines.push(...p.blocking.map((b) => `| ${cell(b.stack)} | ${cell(b.resource)} | ${cell(b.resourceType)} | ${b.action} | ${b.downtime ?? '—'} | ${cell(b.policy.join('; '))} |`), '');
  }
  if (p.regressions.length > 0) {
    lines.push('| Stack | Resource | Control regressed | Severity | SOC 2 | Accepted risk |', '| --- | --- | --- | --- | --- | --- |');
    lines.push(...p.regressions.map((r) => `| ${cell(r.stack)} | ${cell(r.resource)} | ${r.controlId} | ${r.severity} | ${r.soc2.join(', ')} | ${r.accepted ? 'yes' : 'no'} |`), '');
  }
  if (p.acknowledgements.length > 0) {
    lines.push('| Acknowledged by | Permission | When | Fingerprint | At commit | Signature | Recorded in | Covers the merged changes |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    lines.push(
      ...p.acknowledgements.map(
        (a) =>
          `| @${cell(a.by)} | ${cell(a.permission ?? a.reason)} | ${time(a.at)} | \`${cell(a.fingerprint)}\` | \`${cell(a.sha.slice(0, 7))}\` | ${a.verification} | ${a.recordedIn.join(', ')} | ${a.coversMergedChanges ? 'yes' : 'no'} |`,
      ),
      '',
    );
  }
  return lines;
}

function register(entries: readonly RegisterEntry[]): string[] {
  if (entries.length === 0) return ['No accepted risk or allow entry was in the config during the period.', ''];
  const rows = entries.map((e) => {
    const status = [e.inForceAtEnd ? 'in force at the end' : 'removed', ...(e.expired ? ['**expired**'] : [])].join(', ');
    const history = e.events.map((ev) => `${ev.change} ${ev.date.slice(0, 10)} in \`${ev.commit.slice(0, 7)}\` by ${user(ev.author)}`).join('; ');
    return `| ${e.kind} | ${cell(e.identity)} | ${cell(e.rationale)} | ${cell(e.owner ?? '—')} | ${e.expires ?? '—'} | ${status} | ${cell(history)} |`;
  });
  return ['| Kind | Matches | Rationale or reason | Owner | Expires | Status | History |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows, ''];
}

function produced(report: EvidenceReport): string[] {
  const { source } = report;
  return [
    `Generated at ${time(report.generatedAt)} by stackguard ${report.generator.version} (\`stackguard evidence\`) from ${source.apiUrl}.`,
    `Check runs counted: ${source.checkAppId === null ? 'any named stackguard' : `those of GitHub App ${source.checkAppId}`}. Signatures ${source.keyGiven ? 'checked with the App\'s key' : 'not checked (no key given)'}.`,
    `CDK app folders (${source.appFoldersFrom === 'config' ? 'from the config\'s apps' : 'folders with a cdk.json'}): ${source.appFolders.length > 0 ? source.appFolders.map((f) => `\`${f}\``).join(', ') : 'none found'}.`,
    '',
    ...report.notes.flatMap((note) => [`> ${note}`, '']),
    'See docs/evidence.md for how to read this report and what it can and cannot prove.',
  ];
}

function link(p: PullRequestEvidence): string {
  return `[#${p.number}](${p.url})`;
}

function user(login: string | null): string {
  return login ? `@${login}` : 'unknown';
}


/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
