/**
 * Turns the AWS errors a user fixes (access denied, expired or invalid credentials, no credentials, no region) into
 * one StackguardInputError that names the permission and the resource the call needed, such as "cloudformation:
 * GetTemplate on arn:aws:cloudformation:eu-west-1:111111111111:stack/ShopData/*". The CLI prints it and exits 2; the
 * App fails the check with it, in one line: the SDK's own message is kept as the error's `cause` (the CLI prints it
 * with STACKGUARD_DEBUG set), not printed after stackguard's. Anything else (a 500, a bug) passes through unchanged.
 */

import { StackguardInputError } from '../errors.js';

export interface AwsCall {
  /** IAM action, e.g. cloudformation:GetTemplate. */
  action: string;
  /** The resource ARN the action needs, as an IAM policy would name it. */
  resource: string;
  /** The step for the error: "read deployed stacks", "read Security Hub findings"… */
  step: string;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationErrorException']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const INVALID = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature']);
const POLICY_HINT = 'docs/iam-policy.json is the least read-only policy (docs/aws.md).';

export async function callAws<T>(call: AwsCall, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw translateAwsError(error, call);
  }
}

export function errorName(error: unknown): string {
  return (error as { name?: unknown } | null)?.name?.toString() ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function translateAwsError(error: unknown, call: AwsCall): unknown {
  if (error instanceof StackguardInputError) return error;
  const name = errorName(error);
  const message = messageOf(error);
  const needs = `${call.action} on ${call.resource}`;
  if (ACCESS_DENIED.has(name) || /not authorized to perform/i.test(message)) {
    return awsInputError(`AWS access denied: stackguard needs ${needs}. ${POLICY_HINT}`, call.step, error);
  }
  if (EXPIRED.has(name)) {
    return awsInputError(`The AWS credentials have expired (${name}) while calling ${needs}. Refresh them (for SSO: aws sso login) and run again.`, call.step, error);
  }
  if (INVALID.has(name)) {
    return awsInputError(`The AWS credentials are not valid (${name}) for ${needs}. Check AWS_PROFILE or the access key in use.`, call.step, error);
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return awsInputError(
      "No AWS credentials: the SDK's default chain (environment variables, AWS_PROFILE and the shared config, web identity, " +
        `container or instance role) found none for ${call.action}. ${POLICY_HINT}`,
      call.step,
      error,
    );
  }
  if (/Region is missing/i.test(message)) {
    return awsInputError(
      "No AWS region: nothing names one (a stack's env in the CDK app; for posture, --region or aws.regions), " +
        'and neither AWS_REGION nor the profile sets one. Set AWS_REGION.',
      call.step,
      error,
    );
  }
  return error;
}

/** A one-line input error; the SDK error stays reachable as `cause` for debugging. */
export function awsInputError(message: string, step: string, cause: unknown): StackguardInputError {
  return Object.assign(new StackguardInputError(message, step), { cause });
}

/** The partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The stack ARN an IAM policy names: arn:aws:cloudformation:<region>:<account>:stack/<name>/*. */
export function stackArnPattern(region: string, account: string | null, stackName: string): string {
  // A nested stack is addressed by its full ARN already.
  if (stackName.startsWith('arn:')) return stackName;
  return `arn:${partitionOf(region)}:cloudformation:${region}:${account ?? '*'}:stack/${stackName}/*`;
}

export function hubArn(region: string, account: string | null): string {
  return `arn:${partitionOf(region)}:securityhub:${region}:${account ?? '*'}:hub/default`;
}
