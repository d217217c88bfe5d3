/**
 * Picks the baseline for a review from the repository's config: `baseline: deployed` (or `changeset`) uses the
 * templates CloudFormation runs when the App has AWS access; without access, and with `base-branch` (the
 * default), the base commit is synthesized. A fallback is stated in the comment and the check run.
 */

import type { StackguardConfig } from '../../config/index.js';
import type { FindingsOutcome } from '../../core/findings/types.js';
import type { LoadedSide } from '../../sources/load-side.js';
import type { BaselineProvider } from './provider.js';

/** What the App reads from AWS (src/aws/): the deployed baseline and Security Hub findings. */
export interface AwsSource {
  /** Whether the App has AWS access for this config. */
  configured(config: StackguardConfig): boolean;
  /** The deployed (or changeset) baseline. */
  provider(config: StackguardConfig): BaselineProvider;
  /** Open Security Hub findings on the head's stacks; `base` is the deployed side when that is the baseline. */
  findings(head: LoadedSide, config: StackguardConfig, base: LoadedSide | undefined): Promise<FindingsOutcome>;
}

export interface BaselineChoice {
  provider: BaselineProvider;
  notes: string[];
}

export function chooseBaseline(
  config: StackguardConfig,
  baseBranch: () => BaselineProvider,
  aws: AwsSource | undefined,
): BaselineChoice {
  if (config.baseline === 'base-branch') return { provider: baseBranch(), notes: [] };
  if (aws?.configured(config)) return { provider: aws.provider(config), notes: [] };
  return {
    provider: baseBranch(),
    notes: [
      `The config asks for the \`${config.baseline}\` baseline, but the App has no AWS access configured, so this pull request was compared with its base branch instead.`,
    ],
  };
}
