/**
 * Decides, for each change, whether it blocks the check and which policy line made it so. A change that is
 * expected (`allow`) or a regression that is an accepted risk does not block, and says why; an expired accepted
 * risk does not count, and says that too.
 */

import type { ClassifiedChange } from './classify-resource.js';
import { severityRank } from './downtime.js';
import { replacePolicy } from './lifecycle.js';
import type { ReviewPolicy } from './policy.js';
import type { BlockingCause, ChangeReport, ControlImpact } from './report.js';
import { allowOrAcknowledge, APP_WORDING, expectedByAllow, type Wording } from './wording.js';

export function applyPolicy(stackName: string, change: ClassifiedChange, policy: ReviewPolicy): void {
  const { report } = change;
  const wording = policy.wording ?? APP_WORDING;
  const lifecycle = lifecycleVerdict(change, policy);
  if (lifecycle) {
    const allowed = policy.allowance({ stackName, logicalId: report.logicalId, resourceType: report.resourceType, action: report.action });
    if (allowed) report.warnings.push(expectedByAllow(wording, allowed.reason));
    else if (lifecycle.cause) block(report, lifecycle.cause, wording);
    else if (lifecycle.warning) report.warnings.push(lifecycle.warning);
  }
  if (report.failsToDeploy) {
    // An allow entry expects data to move; it cannot make a refused update succeed, so it does not cover this line.
    if (policy.blockFailsToDeploy) {
      block(report, { policy: 'fails-to-deploy', detail: `the deployment of this ${report.resourceType} change fails and rolls back: policy.blockFailsToDeploy` }, wording);
    } else {
      report.warnings.push('This change cannot deploy: CloudFormation or the service refuses it and the stack update rolls back.');
    }
  }
  for (const control of report.controls) {
    const judgement = judgeControl(stackName, control, policy);
    report.warnings.push(...judgement.warnings);
    if (judgement.cause) block(report, judgement.cause, wording);
  }
}

export interface ControlJudgement {
  cause?: BlockingCause;
  warnings: string[];
}

/**
 * Whether a control change blocks: a regression at or above the severity threshold does, unless an accepted risk
 * that has not expired covers it (then `control.accepted` is filled in).
 */
export function judgeControl(stackName: string, control: ControlImpact, policy: ReviewPolicy): ControlJudgement {
  if (control.effect !== 'regression') return { warnings: [] };
  const risk = policy.acceptedRisk({ controlId: control.controlId, ruleId: control.ruleId, stackName, logicalId: control.resource });
  if (risk && !risk.expired) {
    control.accepted = { rationale: risk.rationale, owner: risk.owner, expires: risk.expires };
    return { warnings: [`${control.controlId} regression on ${control.resource} is an accepted risk (owner ${risk.owner}, until ${risk.expires}): ${risk.rationale}`] };
  }
  const warnings = risk?.expired ? [`The accepted risk for ${control.controlId} on ${control.resource} expired on ${risk.expires}: it no longer counts.`] : [];
  if (policy.severityThreshold !== 'none' && severityRank(control.severity) >= severityRank(policy.severityThreshold)) {
    const detail = `${control.controlId} (${control.severity}) regresses on ${control.resource}: policy.severityThreshold is ${policy.severityThreshold}`;
    return { cause: { policy: 'control-regression', detail }, warnings };
  }
  return { warnings: [...warnings, `${control.controlId} (${control.severity}) regresses on ${control.resource}: below the blocking threshold, a warning.`] };
}

type LifecycleVerdict = { cause?: BlockingCause; warning?: string };

/**
 * The lifecycle policy line a change falls under (stateful replacement, retained or conditional replacement,
 * stateful deletion, orphan): a blocking cause, or a warning when the policy lets it through. Undefined when no
 * line applies.
 */
function lifecycleVerdict(change: ClassifiedChange, policy: ReviewPolicy): LifecycleVerdict | undefined {
  const { report } = change;
  if (report.stateful && report.renamedTo && (report.action === 'orphan' || report.action === 'delete')) return renamedAway(change, policy);
  if (report.action === 'orphan') {
    return policy.blockOrphan
      ? { cause: { policy: 'orphan', detail: 'removed from the stack but retained: policy.blockOrphan is on' } }
      : { warning: 'Orphaned: the resource leaves the stack but stays in the account, unmanaged and still billed.' };
  }
  if (!report.stateful) return undefined;
  if (report.action === 'delete') {
    return policy.blockStatefulDeletion
      ? { cause: { policy: 'stateful-deletion', detail: `deletes a stateful ${report.resourceType}: policy.blockStatefulDeletion` } }
      : undefined;
  }
  if (report.action !== 'replace' || report.downtime !== 'replacement') return undefined;
  if (report.conditional) {
    const detail = `may replace a stateful ${report.resourceType}; CloudFormation decides at deploy time`;
    return policy.blockConditionalReplacement
      ? { cause: { policy: 'conditional-replacement', detail: `${detail}: policy.blockConditionalReplacement` } }
      : { warning: `Conditional replacement (${detail}): policy.blockConditionalReplacement is off.` };
  }
  const kept = replacePolicy(change.base, change.head);
  if (kept === 'Retain' || kept === 'RetainExceptOnCreate') {
    const detail = `replaces a stateful ${report.resourceType}: the old one is retained outside the stack with its data, but the stack and everything that refers to it move to a new, empty one`;
    return policy.blockRetainedReplacement
      ? { cause: { policy: 'retained-replacement', detail: `${detail}: policy.blockRetainedReplacement` } }
      : { warning: `Retained replacement (${detail}); data does not move by itself. policy.blockRetainedReplacement is off.` };
  }
  if (!policy.blockStatefulReplacement) return undefined;
  const remains = kept === 'Snapshot' ? ' (the old one is snapshotted, then deleted)' : ' (the old one is deleted with its data)';
  return { cause: { policy: 'stateful-replacement', detail: `replaces a stateful ${report.resourceType}${remains}: policy.blockStatefulReplacement` } };
}

/**
 * A stateful resource that leaves the stack while a look-alike appears (a construct renamed or moved): whatever its
 * DeletionPolicy keeps, the application now uses the new, empty resource. That is a replacement of the data.
 */
function renamedAway(change: ClassifiedChange, policy: ReviewPolicy): LifecycleVerdict | undefined {
  const { report } = change;
  const remains = report.action === 'orphan' ? 'the old one stays in the account, unmanaged' : 'the old one is deleted with its data';
  const detail =
    `${report.logicalId} is replaced by the look-alike ${report.renamedTo} (a renamed or moved construct): ${remains}, ` +
    `and the stack moves to a new, empty ${report.resourceType}`;
  if (policy.blockStatefulReplacement) return { cause: { policy: 'stateful-replacement', detail: `${detail}: policy.blockStatefulReplacement` } };
  if (report.action === 'delete' && policy.blockStatefulDeletion) return { cause: { policy: 'stateful-deletion', detail: `${detail}: policy.blockStatefulDeletion` } };
  if (report.action === 'orphan' && policy.blockOrphan) return { cause: { policy: 'orphan', detail: `${detail}: policy.blockOrphan is on` } };
  return { warning: `Renamed away: ${detail}.` };
}

function block(report: ChangeReport, cause: BlockingCause, wording: Wording): void {
  report.blocking = true;
  report.blockedBy.push(cause);
  const advice = adviceFor(report, cause, wording);
  for (const line of advice) if (!report.advice.includes(line)) report.advice.push(line);
}


/** What a reviewer can do about a blocking change, in CDK terms. */
function adviceFor(report: ChangeReport, cause: BlockingCause, wording: Wording): string[] {
  switch (cause.policy) {
    case 'stateful-replacement':
    case 'retained-replacement':
    case 'conditional-replacement': {
      if (report.renamedTo) return [allowOrAcknowledge(wording)]; // the rename advice already says how to keep the logical id
      const replacing = report.properties.filter((p) => p.downtime === 'replacement').map((p) => p.path);
      const revert = replacing.length > 0
        ? `To keep the data, revert the change to ${replacing.join(', ')}: CloudFormation cannot change ${replacing.length === 1 ? 'it' : 'them'} in place.`
        : report.causedBy.length > 0
          ? `This replacement follows from ${report.causedBy.join(', ')}: keeping that resource keeps this one.`
          : 'To keep the data, avoid the change that forces the replacement.';
      return [revert, 'If the replacement is intended, move the data first (snapshot, export or dual-write), then allow it.', allowOrAcknowledge(wording)];
    }
    case 'stateful-deletion':
      return [
        'If the resource must outlive the stack, set `removalPolicy: RemovalPolicy.RETAIN` (and deploy that) before removing it from the code.',
        allowOrAcknowledge(wording),
      ];
    case 'orphan':
      return [allowOrAcknowledge(wording)];
    case 'fails-to-deploy':
      return [
        wording.door === 'app'
          ? 'An `allow` entry does not cover a change that cannot deploy; if stackguard is wrong, a maintainer can acknowledge it on the check run.'
          : 'An `allow` entry does not cover a change that cannot deploy; fix the change, or set policy.blockFailsToDeploy to false if stackguard is wrong.',
      ];
    default:
      return [];
  }
}
