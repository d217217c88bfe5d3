/**
 * Rolls Security Hub findings up to one state per control, as Security Hub's own control status does: a control
 * fails while any of its findings fails and is not suppressed; it passes when it has passing findings and no failing
 * one; otherwise (only WARNING, NOT_AVAILABLE or suppressed findings) it was not evaluated.
 */

import { severityRank } from '../downtime.js';
import type { SecurityHubFinding } from '../findings/types.js';
import { compareNatural, type ControlCatalogue } from './catalogue.js';
import type { ControlPosture } from './types.js';

const CIS_STANDARD = /cis-aws-foundations-benchmark/;

export function isFailing(finding: SecurityHubFinding): boolean {
  return finding.status === 'FAILED' && finding.workflow !== 'SUPPRESSED';
}

export function controlPostures(
  findings: readonly SecurityHubFinding[],
  catalogue: ControlCatalogue,
  isAccepted: (controlId: string) => boolean,
): ControlPosture[] {
  const byControl = new Map<string, SecurityHubFinding[]>();
  for (const finding of findings) byControl.set(finding.controlId, [...(byControl.get(finding.controlId) ?? []), finding]);

  const controls = [...byControl].map(([controlId, list]) => {
    const facts = catalogue.lookup(controlId);
    const counts = { failed: 0, passed: 0, suppressed: 0, other: 0 };
    for (const finding of list) {
      if (isFailing(finding)) counts.failed++;
      else if (finding.status === 'FAILED') counts.suppressed++;
      else if (finding.status === 'PASSED') counts.passed++;
      else counts.other++;
    }
    const worst = list.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    // CIS membership comes from the findings (the standards enabled in the account), not from the rules.
    const inCis = list.some((f) => f.cis.length > 0 || f.standards.some((s) => CIS_STANDARD.test(s)));
    const fromFindings = [...new Set(list.flatMap((f) => f.cis))].sort(compareNatural);
    const cis = fromFindings.length > 0 || !inCis ? fromFindings : facts.cis;
    const posture: ControlPosture = {
      controlId,
      title: worst.title,
      severity: worst.severity,
      state: counts.failed > 0 ? 'failing' : counts.passed > 0 ? 'passing' : 'not-evaluated',
      findings: counts,
      soc2: facts.soc2,
      soc2Source: facts.soc2Source,
      inCis,
      cis,
      accepted: isAccepted(controlId),
    };
    return posture;
  });
  return controls.sort(triageOrder);
}

const STATE_ORDER = { failing: 0, passing: 1, 'not-evaluated': 2 } as const;

function triageOrder(a: ControlPosture, b: ControlPosture): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    (a.state === 'failing' ? severityRank(b.severity) - severityRank(a.severity) || b.findings.failed - a.findings.failed : 0) ||
    compareNatural(a.controlId, b.controlId)
  );
}
