/**
 * Builds the SOC 2 readiness report from live findings: one state per control, then per SOC 2 criterion (failing
 * while any control mapped to it fails), the seed's totals ("SOC 2 controls passing 22/27", "CIS controls passing
 * 43/49"), and the accepted risks of the config with their expiry. Pure: findings, catalogue and today in.
 */

import { isAcceptedRiskExpired } from '../../config/policy.js';
import { matchesGlob } from '../../config/glob.js';
import { severityRank } from '../downtime.js';
import { SEVERITIES, type Severity } from '../report.js';
import type { SecurityHubFinding } from '../findings/types.js';
import { compareNatural, type ControlCatalogue } from './catalogue.js';
import { controlPostures, isFailing } from './controls.js';
import type { AcceptedRiskEntry, AcceptedRiskPosture, ControlPosture, CriterionPosture, PostureReport, Ratio, SeverityCounts } from './types.js';

export interface PostureInput {
  findings: readonly SecurityHubFinding[];
  catalogue: ControlCatalogue;
  acceptedRisks: readonly AcceptedRiskEntry[];
  today: Date;
  /** The accounts and regions that were read (accounts seen in the findings are added). */
  scope: { accounts: string[]; regions: string[] };
}

export function emptySeverityCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

export function buildPosture(input: PostureInput): PostureReport {
  const current = input.acceptedRisks.filter((entry) => !isAcceptedRiskExpired(entry, input.today));
  const names = (entry: AcceptedRiskEntry, controlId: string) => entry.control !== undefined && matchesGlob(entry.control, controlId, { ignoreCase: true });
  const controls = controlPostures(input.findings, input.catalogue, (id) => current.some((entry) => names(entry, id)));

  const failedBySeverity = emptySeverityCounts();
  for (const finding of input.findings) if (isFailing(finding)) failedBySeverity[finding.severity]++;
  const criteria = criterionPostures(controls, input.findings);
  const evaluated = controls.filter((c) => c.state !== 'not-evaluated');

  return {
    generatedOn: input.today.toISOString().slice(0, 10),
    scope: {
      accounts: [...new Set([...input.scope.accounts, ...input.findings.map((f) => f.account)])].sort(),
      regions: [...new Set(input.scope.regions)].sort(),
    },
    totals: {
      findings: input.findings.length,
      failedFindings: Object.values(failedBySeverity).reduce((a, b) => a + b, 0),
      failedBySeverity,
      soc2Controls: ratio(evaluated.filter((c) => c.soc2.length > 0)),
      cisControls: ratio(evaluated.filter((c) => c.inCis)),
      criteria: { passing: criteria.filter((c) => c.state === 'passing').length, total: criteria.length },
    },
    criteria,
    controls,
    acceptedRisks: input.acceptedRisks.map((entry) => acceptedRiskPosture(entry, input, names)),
  };
}

function ratio(controls: ControlPosture[]): Ratio {
  return { passing: controls.filter((c) => c.state === 'passing').length, total: controls.length };
}

function criterionPostures(controls: ControlPosture[], findings: readonly SecurityHubFinding[]): CriterionPosture[] {
  const byCriterion = new Map<string, CriterionPosture>();
  for (const control of controls) {
    if (control.state === 'not-evaluated') continue;
    for (const criterion of control.soc2) {
      const entry = byCriterion.get(criterion) ?? {
        criterion,
        state: 'passing',
        controls: { passing: 0, failing: 0 },
        failedFindings: emptySeverityCounts(),
        worstSeverity: null,
        failingControls: [],
      };
      if (control.state === 'failing') {
        entry.state = 'failing';
        entry.controls.failing++;
        entry.failingControls.push(control.controlId);
        for (const finding of findings) {
          if (finding.controlId === control.controlId && isFailing(finding)) entry.failedFindings[finding.severity]++;
        }
        entry.worstSeverity = worse(entry.worstSeverity, control.severity);
      } else {
        entry.controls.passing++;
      }
      byCriterion.set(criterion, entry);
    }
  }
  return [...byCriterion.values()].sort(triageOrder);
}

function worse(a: Severity | null, b: Severity): Severity {
  return a !== null && severityRank(a) >= severityRank(b) ? a : b;
}

function failedTotal(c: CriterionPosture): number {
  return Object.values(c.failedFindings).reduce((a, b) => a + b, 0);
}

/** Failing first; among them the worst severity, then the most failed findings; then by criterion id. */
function triageOrder(a: CriterionPosture, b: CriterionPosture): number {
  if (a.state !== b.state) return a.state === 'failing' ? -1 : 1;
  const rank = (c: CriterionPosture) => (c.worstSeverity === null ? -1 : severityRank(c.worstSeverity));
  return rank(b) - rank(a) || failedTotal(b) - failedTotal(a) || compareNatural(a.criterion, b.criterion);
}

function acceptedRiskPosture(
  entry: AcceptedRiskEntry,
  input: PostureInput,
  names: (entry: AcceptedRiskEntry, controlId: string) => boolean,
): AcceptedRiskPosture {
  return {
    control: entry.control ?? null,
    resource: entry.resource ?? null,
    stack: entry.stack ?? null,
    rationale: entry.rationale,
    owner: entry.owner,
    expires: entry.expires,
    expired: isAcceptedRiskExpired(entry, input.today),
    failedFindings: input.findings.filter((f) => isFailing(f) && names(entry, f.controlId)).length,
  };
}
