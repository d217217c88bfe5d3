/**
 * Every live Security Hub control finding (any compliance status: passing findings are what make a control pass) of
 * the accounts and regions `stackguard posture` reads. Regions: the command line, else `aws.regions` in the config,
 * else the SDK's default region. Accounts: the command line (each read through its `aws.roles` role, or the default
 * credentials after checking they are for it), else whatever the default credentials see. Unlike the review,
 * posture fails with a clear message when it cannot read: it has nothing else to say.
 */

import type { StackguardConfig } from '../config/schema.js';
import type { SecurityHubFinding } from '../core/findings/types.js';
import type { ControlCatalogue } from '../core/posture/catalogue.js';
import { normalizeFindings } from './asff.js';
import { awsInputError, errorName } from './aws-errors.js';
import { shippedControlCatalogue } from './control-catalogue.js';
import { targetText } from './deployed-side.js';
import { controlFindingFilters, getFindings } from './get-findings.js';
import { getFindingsLimiter, type RateLimiter } from './rate-limiter.js';
import { AwsSession, type AwsTarget } from './session.js';

export interface PostureFetchOptions {
  config: StackguardConfig;
  regions?: string[];
  accounts?: string[];
  session?: AwsSession;
  limiter?: RateLimiter;
  catalogue?: ControlCatalogue;
}

export interface PostureFindings {
  findings: SecurityHubFinding[];
  scope: { accounts: string[]; regions: string[] };
  /** Findings that are not control findings (no SecurityControlId), left out. */
  skipped: number;
}

const STEP = 'read Security Hub findings';

export async function fetchPostureFindings(options: PostureFetchOptions): Promise<PostureFindings> {
  const session = options.session ?? new AwsSession(options.config.aws.roles);
  try {
    const regions = options.regions?.length ? options.regions : (options.config.aws.regions ?? [await session.defaultRegion(STEP)]);
    const accounts: Array<string | null> = options.accounts?.length ? options.accounts : [null];
    const catalogue = options.catalogue ?? shippedControlCatalogue();
    const findings: SecurityHubFinding[] = [];
    let skipped = 0;
    for (const account of accounts) {
      for (const region of regions) {
        const target: AwsTarget = { account, region };
        await session.verifyAccount(target, `Account ${account}`, STEP);
        const limiter = options.limiter ?? getFindingsLimiter(account, region);
        const raw = await getFindings(session.securityHub(target), target, controlFindingFilters(target), limiter, STEP).catch((error: unknown) => {
          throw notEnabled(error, target);
        });
        const normalized = normalizeFindings(raw, catalogue);
        findings.push(...normalized.findings);
        skipped += normalized.skipped;
      }
    }
    return { findings, scope: { accounts: accounts.filter((a): a is string => a !== null), regions }, skipped };
  } finally {
    if (!options.session) session.destroy();
  }
}

function notEnabled(error: unknown, target: AwsTarget): unknown {
  if (errorName(error) !== 'InvalidAccessException') return error;
  return awsInputError(`Security Hub is not enabled (or this account is not its administrator) in ${targetText(target)}.`, STEP, error);
}
