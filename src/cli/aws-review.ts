/**
 * The AWS half of `stackguard review`: the deployed or change-set baseline and Security Hub findings. Kept apart
 * and imported only when a review needs AWS, so a plain folder-to-folder review does not load the AWS SDK
 * (a few hundred milliseconds of start-up, and the SDK's Node.js version warnings).
 */

import { loadDeployedSide, type DeployedSide } from '../aws/deployed-side.js';
import { fetchFindingsForReview } from '../aws/findings-for-review.js';
import { AwsSession } from '../aws/session.js';
import type { StackguardConfig } from '../config/schema.js';
import { notConsulted, type FindingsOutcome } from '../core/findings/types.js';
import type { Baseline } from '../core/report.js';
import { openSide, type OpenSideOptions } from '../pipeline/open-side.js';
import type { LoadedSide } from '../sources/load-side.js';
import type { ReviewBaseline, ReviewOptions } from './review-command.js';

export interface AwsReviewSides {
  base: LoadedSide;
  head: LoadedSide;
  baseline: Baseline;
  findings: FindingsOutcome;
}

export async function awsReviewSides(
  options: ReviewOptions,
  config: StackguardConfig,
  baseline: ReviewBaseline,
  sideOptions: OpenSideOptions,
): Promise<AwsReviewSides> {
  const session = new AwsSession(config.aws.roles);
  try {
    let base: LoadedSide;
    let deployed: DeployedSide | undefined;
    let described: Baseline;
    const head = await openSide(options.head, 'head', sideOptions);
    if (baseline === 'assembly') {
      base = await openSide(options.base!, 'base', sideOptions);
      described = { kind: base.kind, description: base.description };
    } else {
      deployed = await loadDeployedSide(head, { config, changeSets: baseline === 'changeset', session });
      base = deployed;
      described = { kind: 'deployed', description: deployed.description };
    }
    return { base, head, baseline: described, findings: await findingsFor(options, config, head, deployed, session) };
  } finally {
    session.destroy();
  }
}

async function findingsFor(
  options: ReviewOptions,
  config: StackguardConfig,
  head: LoadedSide,
  deployed: DeployedSide | undefined,
  session: AwsSession,
): Promise<FindingsOutcome> {
  if (options.findings === false) return notConsulted('--no-findings was given');
  if (options.findings === undefined && !config.aws.securityHub) return notConsulted('aws.securityHub is off in the config');
  // An explicit --findings wins over `aws.securityHub: false`.
  const effective = { ...config, aws: { ...config.aws, securityHub: true } };
  return fetchFindingsForReview(head, { config: effective, deployed, session });
}
