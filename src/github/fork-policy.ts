/**
 * Whether a pull request's code may be synthesized. Synthesizing runs the pull request's code on the App's
 * machine, so a pull request from a fork (anyone on GitHub) is synthesized only when the repository allows it
 * (`synth.allowForks`) and a maintainer has applied `synth.forkLabel` after reading the code. The label is
 * removed on every new push to the fork (see handlers/pull-request.ts), so it approves one commit at a time.
 */

import type { StackguardConfig } from '../config/index.js';

export type ForkDecision = { synthesize: true } | { synthesize: false; message: string };

export function forkDecision(
  config: Pick<StackguardConfig, 'synth'>,
  pull: { fromFork: boolean; labels: readonly string[] },
  whoMayApprove: string,
): ForkDecision {
  if (!pull.fromFork) return { synthesize: true };
  const { allowForks, forkLabel } = config.synth;
  if (!allowForks) {
    return {
      synthesize: false,
      message:
        'This pull request comes from a fork, and synthesizing it would run its code on the App\'s machine; ' +
        '`synth.allowForks` is off in .github/stackguard.yml on the default branch. Review the CDK changes by hand, ' +
        'or push the branch to this repository.',
    };
  }
  if (!pull.labels.includes(forkLabel)) {
    return {
      synthesize: false,
      message:
        `This pull request comes from a fork, and synthesizing it runs its code. Once ${whoMayApprove} has read the ` +
        `changes, they apply the label \`${forkLabel}\` and the review starts. The label is removed on every new push.`,
    };
  }
  return { synthesize: true };
}
