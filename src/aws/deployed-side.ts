/**
 * The `deployed` baseline: for each stack of the head side, the template CloudFormation runs, in the account and
 * region of the stack's environment (falling back to the SDK's default region), read through the role
 * `aws.roles` names for that account. Stacks that do not exist yet are left out, so the review sees them as all
 * creates. With `changeSets`, each stack also gets CloudFormation's change set against the head template.
 *
 * Why not @aws-cdk/toolkit-lib (its diff does all this): it reads deployed stacks through the CDK bootstrap roles
 * (lookup role, deploy role) and its own SdkProvider and credential plugins rather than the standard chain and
 * `aws.roles`; for change sets it publishes the template (and assets) to the bootstrap bucket, i.e. writes to the
 * account; given an app rather than an assembly it synthesizes outside stackguard's sandbox; and its SDK clients are
 * created inside it, with its retry settings, so aws-sdk-client-mock tests could not drive it call by call. What is
 * needed here is four read calls and the change set round trip, so they are written against the SDK directly.
 */

import type { StackguardConfig } from '../config/schema.js';
import type { LoadedSide, LoadedStack } from '../sources/loaded-side.js';
import { attachChangeSet, type ChangeSetOptions } from './change-set.js';
import { mapWithConcurrency } from './concurrency.js';
import { readDeployedStack, type DeployedStack } from './read-deployed-stack.js';
import { AwsSession, type AwsTarget } from './session.js';

export type { DeployedStack } from './read-deployed-stack.js';

export interface DeployedSide extends LoadedSide {
  stacks: DeployedStack[];
  /** The accounts and regions read, one entry per distinct environment. */
  targets: AwsTarget[];
}

export interface DeployedSideOptions {
  config: StackguardConfig;
  /** Also create (and delete) a CloudFormation change set per stack: the `changeset` baseline. */
  changeSets?: boolean;
  /**
   * Part of the App's contract, not consulted here: the SDK reads credentials, region and endpoints from the process
   * environment itself (its standard configuration), and stackguard adds no variable of its own.
   */
  env?: NodeJS.ProcessEnv;
  /** Reuse a session (and its clients, assumed roles and account checks) across calls; destroyed by the caller. */
  session?: AwsSession;
  /** Change set polling: injectable clock for tests. */
  wait?: ChangeSetOptions;
}

/** Stacks read at the same time: enough for 70 stacks to load quickly, few enough not to be throttled much. */
const CONCURRENCY = 4;
const STEP = 'read deployed stacks';

/**
 * Whether the App (or a script) should read AWS: the config asks for it (a deployed or changeset baseline, or
 * Security Hub, which is on by default) and the environment names a credential source the SDK's default chain
 * reads without probing the network: static keys, a profile, a web identity token (EKS, GitHub OIDC) or container
 * credentials (ECS, EKS Pod Identity). On EC2 with only an instance profile, set AWS_PROFILE to a profile with
 * `credential_source = Ec2InstanceMetadata` (docs/aws.md).
 */
export function awsAccessConfigured(config: StackguardConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  const wanted = config.baseline !== 'base-branch' || config.aws.securityHub;
  const keys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const webIdentity = Boolean(env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN);
  const container = Boolean(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
  return wanted && (keys || Boolean(env.AWS_PROFILE) || webIdentity || container);
}

export async function loadDeployedSide(head: LoadedSide, options: DeployedSideOptions): Promise<DeployedSide> {
  const session = options.session ?? new AwsSession(options.config.aws.roles);
  try {
    const read = await mapWithConcurrency(head.stacks, CONCURRENCY, (stack) => loadOne(stack, session, options));
    const stacks = read.flatMap((r) => (r.deployed ? [r.deployed] : []));
    read.forEach((r, i) => {
      const stack = head.stacks[i]!;
      if (r.deployed || stack.environment !== null) return;
      // An environment-agnostic stack is looked up where the credentials point. Not finding it there may mean it
      // is new, or that it is deployed elsewhere: say so on the stack instead of silently reviewing it as new.
      (stack as LoadedStack & { notes?: string[] }).notes = [
        ...((stack as { notes?: string[] }).notes ?? []),
        `Not found in ${targetText(r.target)}. The stack names no account or region (env), so stackguard looked where its ` +
          'credentials point: if it is deployed elsewhere, this review wrongly treats an existing stack as new. Declare `env` ' +
          'on the stack in the CDK app to review it against what is deployed.',
      ];
    });
    const targets = distinctTargets(read.map((r) => r.target));
    const what = options.changeSets ? 'deployed stacks and change sets' : 'deployed stacks';
    return {
      kind: 'templates',
      // Not a folder: the templates come from CloudFormation.
      path: '',
      description: targets.length > 0 ? `${what} in ${targets.map(targetText).join(', ')} (CloudFormation)` : `${what} (CloudFormation)`,
      stacks,
      targets,
    };
  } finally {
    if (!options.session) session.destroy();
  }
}

async function loadOne(stack: LoadedStack, session: AwsSession, options: DeployedSideOptions): Promise<{ target: AwsTarget; deployed?: DeployedStack }> {
  const target = await session.target(stack.environment, STEP);
  await session.verifyAccount(target, `Stack ${stack.displayName}`, STEP);
  const ctx = { cfn: session.cloudFormation(target), target, step: STEP };
  const deployed = await readDeployedStack(ctx, stack.stackName, stack.stackName);
  if (deployed && options.changeSets) await attachChangeSet(ctx, stack, deployed, options.wait);
  return { target, deployed };
}

/** "111111111111/eu-west-1", or just the region when the account is whatever the credentials are in. */
export function targetText(target: AwsTarget): string {
  return target.account === null ? target.region : `${target.account}/${target.region}`;
}

export function distinctTargets(targets: readonly AwsTarget[]): AwsTarget[] {
  const seen = new Map(targets.map((t) => [`${t.account}/${t.region}`, t]));
  return [...seen.values()];
}
