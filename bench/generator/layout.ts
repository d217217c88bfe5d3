/**
 * The shape of the generated CDK app, after the seed's users: one account, two regions, six environments of
 * eleven stacks each (network, data, storage, queues, three HTTP service stacks, workers, API functions,
 * scheduled jobs, monitoring) plus four shared stacks: 6 × 11 + 4 = 70 stacks.
 */

import { environmentContext } from './stacks/context.js';
import { httpServicesStack, workersStack } from './stacks/compute-stacks.js';
import { apiStack, jobsStack } from './stacks/function-stacks.js';
import { cisAlarmsStack, monitoringStack } from './stacks/monitoring-stacks.js';
import { dataStack, networkStack, queuesStack, storageStack } from './stacks/platform-stacks.js';
import { auditTrailStack, backendUsersGroupStack, sharedAuroraStack } from './stacks/shared-stacks.js';
import type { StackBuilder, StackIdentity } from './stack-builder.js';

export interface Sizes {
  environments: number;
  buckets: number;
  queues: number;
  backendServices: number;
  geometryServices: number;
  converterServices: number;
  workers: number;
  apiFunctions: number;
  jobs: number;
  serviceUsers: number;
}

/** The seed's scale: 70 stacks and a little over 10,000 resources. */
export const SEED_SCALE: Sizes = {
  environments: 6,
  buckets: 20,
  queues: 40,
  backendServices: 10,
  geometryServices: 10,
  converterServices: 12,
  workers: 22,
  apiFunctions: 44,
  jobs: 30,
  serviceUsers: 12,
};

export interface StackPlan {
  identity: StackIdentity;
  build: (b: StackBuilder) => void;
}

export const ACCOUNT = '123456789012';
const ENVIRONMENTS = ['Prod', 'Staging', 'Test', 'Dev', 'Perf', 'Demo'];
/** The seed's second region hosts the demo environment. */
const regionOf = (env: string): string => (env === 'Demo' ? 'us-east-1' : 'eu-west-1');

export function planStacks(sizes: Sizes): StackPlan[] {
  const plans: StackPlan[] = [];
  const add = (stackName: string, stackClass: string, sourceFile: string, region: string, build: StackPlan['build']) => {
    const appLine = 20 + plans.length * 3;
    plans.push({ identity: { stackName, stackClass, sourceFile, account: ACCOUNT, region, appLine }, build });
  };

  for (const [index, env] of ENVIRONMENTS.slice(0, sizes.environments).entries()) {
    const region = regionOf(env);
    const context = environmentContext(env, index + 10, region, ACCOUNT, sizes.queues);
    add(`${env}-Network`, 'NetworkStack', 'network-stack.ts', region, (b) => networkStack(b, context));
    add(`${env}-Monitoring`, 'MonitoringStack', 'monitoring-stack.ts', region, (b) => monitoringStack(b, context));
    add(`${env}-Data`, 'DataStack', 'data-stack.ts', region, (b) => dataStack(b, context));
    add(`${env}-Storage`, 'StorageStack', 'storage-stack.ts', region, (b) => storageStack(b, context, sizes.buckets));
    add(`${env}-Queues`, 'QueuesStack', 'queues-stack.ts', region, (b) => queuesStack(b, context));
    add(`${env}-Backend`, 'HttpServicesStack', 'http-services-stack.ts', region, (b) =>
      httpServicesStack(b, context, 'Backend', sizes.backendServices),
    );
    add(`${env}-Geometry`, 'HttpServicesStack', 'http-services-stack.ts', region, (b) =>
      httpServicesStack(b, context, 'Geometry', sizes.geometryServices),
    );
    add(`${env}-Converters`, 'HttpServicesStack', 'http-services-stack.ts', region, (b) =>
      httpServicesStack(b, context, 'Converters', sizes.converterServices),
    );
    add(`${env}-Workers`, 'WorkersStack', 'workers-stack.ts', region, (b) => workersStack(b, context, sizes.workers));
    add(`${env}-Api`, 'ApiStack', 'api-stack.ts', region, (b) => apiStack(b, context, sizes.apiFunctions));
    add(`${env}-Jobs`, 'JobsStack', 'jobs-stack.ts', region, (b) => jobsStack(b, context, sizes.jobs));
  }
  add('Shared-Aurora', 'SharedAuroraStack', 'shared-aurora-stack.ts', 'eu-west-1', sharedAuroraStack);
  add('Shared-CisAlarms', 'CisAlarmsStack', 'cis-alarms-stack.ts', 'eu-west-1', cisAlarmsStack);
  add('Shared-BackendUsersGroup', 'BackendUsersGroupStack', 'backend-users-group-stack.ts', 'eu-west-1', (b) =>
    backendUsersGroupStack(b, sizes.serviceUsers),
  );
  add('Shared-AuditTrail', 'AuditTrailStack', 'audit-trail-stack.ts', 'eu-west-1', auditTrailStack);
  return plans;
}
