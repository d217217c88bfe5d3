/**
 * The open Security Hub findings (ACTIVE, FAILED, workflow NEW or NOTIFIED) in the accounts and regions of the
 * head's stacks, with the stacks' deployed resources to match them to. GetFindings is filtered by account, region
 * and status, not by resource (a filter takes 20 values; a stack has hundreds of resources): the matching to the
 * resources the PR touches happens in the pure core. Findings are informational: any failure (no access, Security
 * Hub not enabled, throttled beyond retries) becomes "not consulted, because …" and never fails the review.
 */

import type { StackguardConfig } from '../config/schema.js';
import { notConsulted, type FindingsOutcome } from '../core/findings/types.js';
import type { ControlCatalogue } from '../core/posture/catalogue.js';
import { StackguardInputError } from '../errors.js';
import type { LoadedSide } from '../sources/loaded-side.js';
import { normalizeFindings } from './asff.js';
import { errorName } from './aws-errors.js';
import { shippedControlCatalogue } from './control-catalogue.js';
import { distinctTargets, targetText, type DeployedSide } from './deployed-side.js';
import { getFindings, openFindingFilters } from './get-findings.js';
import { getFindingsLimiter, type RateLimiter } from './rate-limiter.js';
import { AwsSession } from './session.js';
import { readResourcesOfHead, resourcesOfDeployed } from './stack-resources.js';

export interface ReviewFindingsOptions {
  config: StackguardConfig;
  /** The side loadDeployedSide returned, when the baseline is deployed: its resource lists are reused. */
  deployed?: DeployedSide;
  /** Part of the App's contract, not consulted: the SDK reads the process environment itself. */
  env?: NodeJS.ProcessEnv;
  session?: AwsSession;
  /** Default: the process-wide limiter of each account and region (3 requests a second). */
  limiter?: RateLimiter;
  catalogue?: ControlCatalogue;
}

const STEP = 'read Security Hub findings';

export async function fetchFindingsForReview(head: LoadedSide, options: ReviewFindingsOptions): Promise<FindingsOutcome> {
  if (!options.config.aws.securityHub) return notConsulted('aws.securityHub is off in the config');
  const session = options.session ?? new AwsSession(options.config.aws.roles);
  try {
    const stacks = options.deployed ? resourcesOfDeployed(options.deployed.stacks) : await readResourcesOfHead(head, session, STEP);
    const targets = distinctTargets(stacks.map((s) => ({ account: s.account, region: s.region })));
    if (targets.length === 0) return notConsulted('none of the stacks is deployed yet, so no finding can be on their resources');
    const catalogue = options.catalogue ?? shippedControlCatalogue();
    const findings = [];
    for (const target of targets) {
      const limiter = options.limiter ?? getFindingsLimiter(target.account, target.region);
      const raw = await getFindings(session.securityHub(target), target, openFindingFilters(target), limiter, STEP);
      findings.push(...normalizeFindings(raw, catalogue).findings);
    }
    const count = findings.length === 1 ? '1 open finding' : `${findings.length} open findings`;
    return { consulted: true, source: `read from Security Hub in ${targets.map(targetText).join(', ')} (${count})`, findings, stacks };
  } catch (error) {
    return notConsulted(reasonOf(error));
  } finally {
    if (!options.session) session.destroy();
  }
}

export function reasonOf(error: unknown): string {
  if (error instanceof StackguardInputError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (errorName(error) === 'InvalidAccessException') return `Security Hub is not enabled or not reachable here (${message})`;
  return `reading them failed (${errorName(error) || 'error'}: ${message})`;
}
