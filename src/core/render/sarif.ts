/**
 * The review as SARIF 2.1.0 for GitHub code scanning (`--format sarif`, uploaded with
 * github/codeql-action/upload-sarif): one run, stackguard as the tool driver with a rule for every control the
 * review names and for every blocking policy line; one result per control regression and per blocking lifecycle
 * cause, located at the resource's source line (`source` in the report).
 *
 * Levels: `error` for what blocks the check, `warning` for a regression below the threshold, `note` for an
 * accepted risk (which also carries an external suppression with its rationale). Improvements and controls already
 * failing before the PR are not results: code scanning tracks alerts the change introduces.
 */

import type { ChangeReport, ControlImpact, ReviewReport, Severity } from '../report.js';

export interface SarifOptions {
  /** stackguard's version, for the tool driver. */
  version: string;
  /**
   * Repository-relative file for results without a source location (code scanning needs a file on every result):
   * the config file, or the CDK app's cdk.json.
   */
  fallbackFile: string;
}

/** GitHub maps security-severity to critical (≥ 9.0), high (7.0–8.9), medium (4.0–6.9) and low (0.1–3.9). */
const SECURITY_SEVERITY: Record<Severity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '3.0', INFORMATIONAL: '0.0' };

/** The blocking policy lines (verdict.ts, `blockedBy[].policy`), each a rule. */
export const POLICY_RULES: Record<string, string> = {
  'stateful-replacement': 'Replaces a stateful resource: the stack moves to a new, empty resource (policy.blockStatefulReplacement)',
  'stateful-deletion': 'Deletes a stateful resource with its data (policy.blockStatefulDeletion)',
  'retained-replacement': 'Replaces a stateful resource whose old copy is retained outside the stack (policy.blockRetainedReplacement)',
  orphan: 'Removes a resource from the stack but keeps it in the account, unmanaged (policy.blockOrphan)',
  'control-regression': 'Regresses a Security Hub control at or above policy.severityThreshold',
};

type Located = { stackName: string; logicalId: string; source: ChangeReport['source'] };

export function renderSarif(report: ReviewReport, options: SarifOptions): string {
  const controls = new Map<string, Pick<ControlImpact, 'controlId' | 'title' | 'severity' | 'soc2'>>();
  const results: object[] = [];
  const location = (at: Located) => ({
    physicalLocation: {
      artifactLocation: { uri: at.source?.file ?? options.fallbackFile, uriBaseId: '%SRCROOT%' },
      region: { startLine: at.source?.line ?? 1 },
    },
    logicalLocations: [{ fullyQualifiedName: `${at.stackName}/${at.logicalId}`, kind: 'resource' }],
  });
  const result = (ruleId: string, level: string, text: string, at: Located, extra: object = {}) =>
    results.push({ ruleId, level, message: { text }, locations: [location(at)], partialFingerprints: { 'stackguard/v1': `${at.stackName}/${at.logicalId}/${ruleId}` }, ...extra });
  const controlResult = (control: ControlImpact, blocking: boolean, at: Located, via: string) => {
    controls.set(control.controlId, control);
    if (control.effect !== 'regression') return;
    const text = `${control.controlId} (${control.severity}) regresses on ${at.stackName}/${control.resource}${via}: ${control.title}`;
    if (control.accepted) {
      const justification = `Accepted risk (owner ${control.accepted.owner}, until ${control.accepted.expires}): ${control.accepted.rationale}`;
      result(control.controlId, 'note', text, at, { suppressions: [{ kind: 'external', status: 'accepted', justification }] });
    } else {
      result(control.controlId, blocking ? 'error' : 'warning', text, at);
    }
  };

  for (const stack of report.stacks) {
    for (const change of stack.changes) {
      const at = { stackName: stack.stackName, logicalId: change.logicalId, source: change.source };
      for (const cause of change.blockedBy) {
        if (cause.policy === 'control-regression') continue; // the control's own result says it, at level error
        result(`policy/${cause.policy}`, 'error', `${stack.stackName}/${change.logicalId} (${change.resourceType}, ${change.action}): ${cause.detail}. ${change.reasons.join('; ')}`, at);
      }
      const regressions = change.blockedBy.filter((b) => b.policy === 'control-regression');
      for (const control of change.controls) {
        const blocks = regressions.some((b) => b.detail.startsWith(`${control.controlId} (`));
        controlResult(control, blocks, at, control.resource === change.logicalId ? '' : ` (via ${change.logicalId})`);
      }
    }
  }
  for (const control of report.posture.unattached) {
    controlResult(control, control.blocking, { stackName: control.stackName, logicalId: control.resource, source: null }, '');
  }
  for (const control of report.posture.stillFailing) if (!controls.has(control.controlId)) controls.set(control.controlId, control);

  const rules = [
    ...Object.entries(POLICY_RULES).map(([policy, text]) => ({
      id: `policy/${policy}`,
      name: policyName(policy),
      shortDescription: { text },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['stackguard-policy'] },
    })),
    ...[...controls.values()].map((c) => ({
      id: c.controlId,
      name: c.controlId.replace(/[^A-Za-z0-9]/g, ''),
      shortDescription: { text: c.title },
      helpUri: securityHubDocs(c.controlId),
      help: { text: `${c.title}. Security Hub control ${c.controlId}, severity ${c.severity}; SOC 2 ${c.soc2.join(', ') || '—'}.` },
      defaultConfiguration: { level: 'warning' },
      properties: { 'security-severity': SECURITY_SEVERITY[c.severity], tags: ['security', ...c.soc2.map((s) => `soc2/${s}`)] },
    })),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'stackguard', version: options.version, rules } },
        results,
        properties: { conclusion: report.conclusion, baseline: report.baseline.description },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** "S3.5" → the Security Hub user guide's anchor for it. */
function securityHubDocs(controlId: string): string {
  const [service = '', number = ''] = controlId.toLowerCase().split('.');
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${service}-${number}`;
}

function policyName(policy: string): string {
  return policy.replace(/(^|-)([a-z])/g, (_, _dash: string, ch: string) => ch.toUpperCase());
}
