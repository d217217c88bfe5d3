#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { DataStack } from '../lib/data-stack.js';
import { NetworkStack } from '../lib/network-stack.js';
import { ServiceStack } from '../lib/service-stack.js';

// A fixed account and region: lookups resolve from cdk.context.json, so synth never needs AWS credentials.
const env = { account: '111111111111', region: 'eu-west-1' };

const app = new App();
const network = new NetworkStack(app, 'ShopNetwork', { env });
new DataStack(app, 'ShopData', { env, vpc: network.vpc });
new ServiceStack(app, 'ShopService', {
  env,
  vpc: network.vpc,
  certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/6f1c2b7e-3a49-4d0c-9e5b-2f8a1d4c7b90',
});
