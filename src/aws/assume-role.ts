/**
 * Credentials from an assumed role, for an account listed under `aws.roles` in the config. Hand-written rather than
 * @aws-sdk/credential-providers' fromTemporaryCredentials: that builds its own STS client from
 * @aws-sdk/nested-clients, which neither takes ours (with our retry settings) nor can be mocked with
 * aws-sdk-client-mock, and it is only a cached AssumeRole call. The base credentials are the SDK's default chain.
 */

import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { StackguardInputError } from '../errors.js';
import { callAws } from './aws-errors.js';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export const ROLE_SESSION_NAME = 'stackguard';
/** Renew this long before expiry, so a call never starts with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export function assumeRoleCredentials(sts: STSClient, roleArn: string): () => Promise<TemporaryCredentials> {
  let current: Promise<TemporaryCredentials> | undefined;
  let expiresAt: number | undefined;

  async function assume(): Promise<TemporaryCredentials> {
    const call = { action: 'sts:AssumeRole', resource: roleArn, step: 'assume role' };
    const out = await callAws(call, () => sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME, DurationSeconds: 3600 })));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new StackguardInputError(`sts:AssumeRole on ${roleArn} returned no credentials.`, call.step);
    expiresAt = c.Expiration?.getTime();
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  }

  return () => {
    // One AssumeRole for all the calls that start together; a new one shortly before the credentials expire.
    if (!current || (expiresAt !== undefined && Date.now() > expiresAt - REFRESH_MARGIN_MS)) {
      expiresAt = undefined;
      current = assume().catch((error: unknown) => {
        current = undefined;
        throw error;
      });
    }
    return current;
  };
}
