/** A three-AZ VPC as `ec2.Vpc` synthesizes it, with its public/private subnets, NAT gateways and flow log. */

import { allow, getAtt, importValue, ref, tags, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';
import { role } from './iam.js';
import { logGroup } from './observability.js';

export interface NetworkExports {
  vpcId: JsonObject;
  privateSubnets: JsonObject[];
}

/** The VPC and subnet ids another stack of the same environment imports. */
export function importedNetwork(env: string, azCount: number): NetworkExports {
  return {
    vpcId: importValue(`${env}-Network:VpcId`),
    privateSubnets: Array.from({ length: azCount }, (_, i) => importValue(`${env}-Network:PrivateSubnet${i + 1}`)),
  };
}

export function vpc(b: StackBuilder, env: string, cidrIndex: number, azCount: number): void {
  const line = b.nextLine();
  const name = `${b.identity.stackName}/Vpc`;
  const add = (path: string[], type: string, properties: JsonObject, dependsOn?: string[]) =>
    b.add({ path: ['Vpc', ...path], type, properties, ...(dependsOn ? { dependsOn } : {}) }, line);

  const vpcId = add(['Resource'], 'AWS::EC2::VPC', {
    CidrBlock: `10.${cidrIndex}.0.0/16`,
    EnableDnsHostnames: true,
    EnableDnsSupport: true,
    InstanceTenancy: 'default',
    Tags: tags({ Name: name, Environment: env }),
  });
  const igw = add(['IGW'], 'AWS::EC2::InternetGateway', { Tags: tags({ Name: name }) });
  const attachment = add(['VPCGW'], 'AWS::EC2::VPCGatewayAttachment', {
    InternetGatewayId: ref(igw),
    VpcId: ref(vpcId),
  });

  const natGateways: string[] = [];
  for (let az = 1; az <= azCount; az++) {
    const subnetName = `PublicSubnet${az}`;
    const subnet = subnetWithRoutes(b, [subnetName], vpcId, `10.${cidrIndex}.${az - 1}.0/24`, az, line);
    const route = { DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref(igw), RouteTableId: ref(subnet.routeTable) };
    add([subnetName, 'DefaultRoute'], 'AWS::EC2::Route', route, [attachment]);
    const eipTags = tags({ Name: `${name}/${subnetName}` });
    const eip = add([subnetName, 'EIP'], 'AWS::EC2::EIP', { Domain: 'vpc', Tags: eipTags });
    const nat = add([subnetName, 'NATGateway'], 'AWS::EC2::NatGateway', {
      AllocationId: getAtt(eip, 'AllocationId'),
      SubnetId: ref(subnet.subnet),
      Tags: tags({ Name: `${name}/${subnetName}` }),
    });
    natGateways.push(nat);
    b.output(`ExportPublicSubnet${az}`, ref(subnet.subnet), `${env}-Network:PublicSubnet${az}`);
  }
  for (let az = 1; az <= azCount; az++) {
    const subnetName = `PrivateSubnet${az}`;
    const subnet = subnetWithRoutes(b, [subnetName], vpcId, `10.${cidrIndex}.${100 + az}.0/24`, az, line);
    add([subnetName, 'DefaultRoute'], 'AWS::EC2::Route', {
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: ref(natGateways[az - 1] ?? ''),
      RouteTableId: ref(subnet.routeTable),
    });
    b.output(`ExportPrivateSubnet${az}`, ref(subnet.subnet), `${env}-Network:PrivateSubnet${az}`);
  }
  b.output('ExportVpcId', ref(vpcId), `${env}-Network:VpcId`);

  const flowLogs = logGroup(b, ['Vpc', 'FlowLogs', 'LogGroup'], 365);
  const flowRole = role(b, ['Vpc', 'FlowLogs'], 'IAMRole', 'vpc-flow-logs.amazonaws.com', [
    allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], getAtt(flowLogs, 'Arn')),
  ]);
  add(['FlowLogs', 'FlowLog'], 'AWS::EC2::FlowLog', {
    DeliverLogsPermissionArn: getAtt(flowRole.role, 'Arn'),
    LogDestinationType: 'cloud-watch-logs',
    LogGroupName: ref(flowLogs),
    ResourceId: ref(vpcId),
    ResourceType: 'VPC',
    TrafficType: 'ALL',
  });
  add(['S3Endpoint', 'Resource'], 'AWS::EC2::VPCEndpoint', {
    ServiceName: `com.amazonaws.${b.identity.region}.s3`,
    VpcEndpointType: 'Gateway',
    VpcId: ref(vpcId),
  });
}

function subnetWithRoutes(b: StackBuilder, scope: string[], vpcId: string, cidr: string, az: number, line: number) {
  const path = (leaf: string) => ['Vpc', ...scope, leaf];
  const nameTag = tags({ Name: `${b.identity.stackName}/Vpc/${scope.join('/')}` });
  const subnet = b.add(
    {
      path: path('Subnet'),
      type: 'AWS::EC2::Subnet',
      properties: {
        AvailabilityZone: `${b.identity.region}${'abcdef'[az - 1] ?? 'a'}`,
        CidrBlock: cidr,
        MapPublicIpOnLaunch: false,
        VpcId: ref(vpcId),
        Tags: nameTag,
      },
    },
    line,
  );
  const routeTable = b.add(
    { path: path('RouteTable'), type: 'AWS::EC2::RouteTable', properties: { VpcId: ref(vpcId), Tags: nameTag } },
    line,
  );
  b.add(
    {
      path: path('RouteTableAssociation'),
      type: 'AWS::EC2::SubnetRouteTableAssociation',
      properties: { RouteTableId: ref(routeTable), SubnetId: ref(subnet) },
    },
    line,
  );
  return { subnet, routeTable };
}
