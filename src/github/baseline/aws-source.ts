/**
 * AWS through src/aws/. The deployed baseline: for each app, the templates CloudFormation runs for the stacks of
 * the head side (with `baseline: changeset`, plus a change set per stack); it needs the head's stacks, so it waits
 * for the head synth, and one AWS session (clients, assumed roles, account checks) serves all apps of a review.
 * Security Hub findings: read for the head's stacks; a failure there never fails the review (src/aws says why).
 */

import { AwsSession, awsAccessConfigured, fetchFindingsForReview, loadDeployedSide, type DeployedSide } from '../../aws/index.js';
import type { StackguardConfig } from '../../config/index.js';
import type { LoadedSide } from '../../sources/load-side.js';
import type { AwsSource } from './choose-baseline.js';
import type { BaselineProvider } from './provider.js';

export function awsSource(env: NodeJS.ProcessEnv = process.env): AwsSource {
  return {
    configured: (config) => awsAccessConfigured(config, env),
    provider: (config) => new DeployedBaseline(config, env),
    findings: (head, config, base) => fetchFindingsForReview(head, { config, deployed: isDeployedSide(base) ? base : undefined, env }),
  };
}

function isDeployedSide(side: LoadedSide | undefined): side is DeployedSide {
  return side !== undefined && 'targets' in side;
}

class DeployedBaseline implements BaselineProvider {
  readonly kind = 'deployed' as const;

  constructor(
    private readonly config: StackguardConfig,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async sides(apps: readonly string[], head: Promise<Map<string, LoadedSide>>): Promise<Map<string, LoadedSide>> {
    const heads = await head;
    const session = new AwsSession(this.config.aws.roles);
    try {
      const sides = new Map<string, LoadedSide>();
      for (const app of apps) {
        const headSide = heads.get(app);
        if (!headSide) continue;
        sides.set(app, await loadDeployedSide(headSide, { config: this.config, changeSets: this.config.baseline === 'changeset', env: this.env, session }));
      }
      return sides;
    } finally {
      session.destroy();
    }
  }
}
