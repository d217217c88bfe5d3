/**
 * The AWS clients of one review or posture run, built from the SDK's standard configuration only: the default
 * credential chain, AWS_REGION / AWS_PROFILE, and the endpoint settings (AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_CLOUDFORMATION, AWS_ENDPOINT_URL_SECURITYHUB, AWS_ENDPOINT_URL_STS), which the SDK reads itself.
 * Throttling is retried by the SDK's standard retry mode with backoff. An account listed under `aws.roles` is read
 * through that role; any other is read with the default credentials, after checking they are for that account.
 */

import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { StackguardInputError } from '../errors.js';
import { assumeRoleCredentials, type TemporaryCredentials } from './assume-role.js';
import { callAws, translateAwsError } from './aws-errors.js';

/** Where a stack lives. `account` is null when the assembly does not say (an environment-agnostic stack). */
export interface AwsTarget {
  account: string | null;
  region: string;
}

/** Attempts per call, backoff included, under the standard retry mode (the SDK's default is 3). */
export const MAX_ATTEMPTS = 6;

type Credentials = () => Promise<TemporaryCredentials>;
type Destroyable = { destroy(): void };

export class AwsSession {
  private readonly clients = new Map<string, Destroyable>();
  private readonly roleCredentials = new Map<string, Credentials>();
  private readonly verified = new Map<string, Promise<void>>();

  constructor(private readonly roles: Readonly<Record<string, string>> = {}) {}

  /** The environment of a stack, or the SDK's default region (and no account) for one without. */
  async target(environment: { account: string; region: string } | null, step: string): Promise<AwsTarget> {
    if (environment) return { account: environment.account, region: environment.region };
    return { account: null, region: await this.defaultRegion(step) };
  }

  async defaultRegion(step: string): Promise<string> {
    const probe = new STSClient({});
    try {
      return await probe.config.region();
    } catch (error) {
      throw translateAwsError(error, { action: 'the default region', resource: '*', step });
    } finally {
      probe.destroy();
    }
  }

  cloudFormation(target: AwsTarget): CloudFormationClient {
    return this.client(`cloudformation ${key(target)}`, () => new CloudFormationClient(this.config(target)));
  }

  securityHub(target: AwsTarget): SecurityHubClient {
    return this.client(`securityhub ${key(target)}`, () => new SecurityHubClient(this.config(target)));
  }

  roleFor(account: string | null): string | undefined {
    return account === null ? undefined : this.roles[account];
  }

  /**
   * Default credentials for another account would read another account's stack of the same name: refuse that.
   * One sts:GetCallerIdentity per account (it needs no permission).
   */
  verifyAccount(target: AwsTarget, subject: string, step: string): Promise<void> {
    if (target.account === null || this.roleFor(target.account)) return Promise.resolve();
    const account = target.account;
    let check = this.verified.get(account);
    if (!check) {
      const sts = this.client(`sts ${target.region}`, () => new STSClient({ region: target.region, maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' }));
      check = callAws({ action: 'sts:GetCallerIdentity', resource: '*', step }, () => sts.send(new GetCallerIdentityCommand({}))).then((identity) => {
        if (identity.Account !== account) {
          throw new StackguardInputError(
            `${subject} is in account ${account}, but the AWS credentials are for account ${identity.Account ?? 'unknown'}. ` +
              `List a read-only role for ${account} under aws.roles in the config, or use credentials for that account.`,
            step,
          );
        }
      });
      this.verified.set(account, check);
    }
    return check;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private config(target: AwsTarget) {
    const credentials = this.credentialsFor(target);
    return { region: target.region, maxAttempts: MAX_ATTEMPTS, retryMode: 'standard', ...(credentials ? { credentials } : {}) };
  }

  private credentialsFor(target: AwsTarget): Credentials | undefined {
    const role = this.roleFor(target.account);
    if (!role) return undefined;
    let credentials = this.roleCredentials.get(role);
    if (!credentials) {
      const sts = this.client(`sts ${target.region}`, () => new STSClient({ region: target.region, maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' }));
      credentials = assumeRoleCredentials(sts, role);
      this.roleCredentials.set(role, credentials);
    }
    return credentials;
  }

  private client<T extends Destroyable>(name: string, make: () => T): T {
    let client = this.clients.get(name) as T | undefined;
    if (!client) {
      client = make();
      this.clients.set(name, client);
    }
    return client;
  }
}

function key(target: AwsTarget): string {
  return `${target.account ?? 'default'}/${target.region}`;
}
