/** Shared pieces of the aws-sdk-client-mock tests: SDK-shaped errors, a head side, an isolated AWS environment. */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { SecurityHubServiceException } from '@aws-sdk/client-securityhub';
import { vi } from 'vitest';
import { configSchema, type StackguardConfig, type StackguardConfigInput } from '../../src/config/schema.js';
import type { CfnTemplate } from '../../src/core/template.js';
import type { LoadedSide, LoadedStack } from '../../src/sources/loaded-side.js';
import { ACCOUNT, REGION } from './asff.js';

/** An error as the SDK throws it for an AWS error response: the service's exception class, `name` = the error code. */
export function cloudFormationError(name: string, message: string, status = 400): CloudFormationServiceException {
  return new CloudFormationServiceException({ name, message, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, requestId: 'req-1' } });
}

export function securityHubError(name: string, message: string, status = 400): SecurityHubServiceException {
  return new SecurityHubServiceException({ name, message, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, requestId: 'req-2' } });
}

export function stackNotFound(name: string): CloudFormationServiceException {
  return cloudFormationError('ValidationError', `Stack with id ${name} does not exist`);
}

export function stackId(name: string, region = REGION, account = ACCOUNT): string {
  return `arn:aws:cloudformation:${region}:${account}:stack/${name}/0f1e2d3c-4b5a-6978-8a9b-${name.length.toString(16).padStart(12, '0')}`;
}

export function headStack(stackName: string, template: CfnTemplate, extra: Partial<LoadedStack> = {}): LoadedStack {
  return { stackName, displayName: stackName, template, origins: {}, environment: { account: ACCOUNT, region: REGION }, nested: [], ...extra };
}

export function headSide(...stacks: LoadedStack[]): LoadedSide {
  return { kind: 'assembly', path: '/repo/cdk.out', description: 'cloud assembly cdk.out', stacks };
}

export function config(input: StackguardConfigInput = {}): StackguardConfig {
  return configSchema.parse(input);
}

/** Fake static credentials and a region, and nothing from the machine's own AWS config. */
export function isolateAwsEnvironment(): void {
  const none = path.join(mkdtempSync(path.join(tmpdir(), 'stackguard-aws-env-')), 'none');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAMOCKTEST00000001');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'mock-test-secret');
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', none);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', none);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}
