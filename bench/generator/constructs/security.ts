/** Security groups and their ingress rules, KMS keys and Secrets Manager secrets. */

import { getAtt, join, partition, tags, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';

export function securityGroup(b: StackBuilder, scope: string[], description: string, vpcId: JsonObject): string {
  return b.add(
    {
      path: [...scope, 'Resource'],
      type: 'AWS::EC2::SecurityGroup',
      properties: {
        GroupDescription: description,
        SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default', IpProtocol: '-1' }],
        VpcId: vpcId,
        Tags: tags({ Name: description }),
      },
    },
    b.nextLine(),
  );
}

/** `peer.connections.allowTo(target, port)`: an ingress on the target's group from the peer's group. */
export function ingressFrom(b: StackBuilder, path: string[], targetGroup: string, sourceGroup: string, port: number): string {
  return b.add(
    {
      path,
      type: 'AWS::EC2::SecurityGroupIngress',
      properties: {
        Description: `from ${sourceGroup}:${port}`,
        FromPort: port,
        GroupId: getAtt(targetGroup, 'GroupId'),
        IpProtocol: 'tcp',
        SourceSecurityGroupId: getAtt(sourceGroup, 'GroupId'),
        ToPort: port,
      },
    },
    b.nextLine(),
  );
}

export function kmsKey(b: StackBuilder, scope: string[], description: string, aliasName: string): string {
  const line = b.nextLine();
  const { account } = b.identity;
  const keyId = b.add(
    {
      path: [...scope, 'Resource'],
      type: 'AWS::KMS::Key',
      properties: {
        Description: description,
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: [
            {
              Action: 'kms:*',
              Effect: 'Allow',
              Principal: { AWS: join(['arn:', partition, `:iam::${account}:root`]) },
              Resource: '*',
            },
          ],
          Version: '2012-10-17',
        },
      },
      removal: 'Retain',
    },
    line,
  );
  b.add(
    {
      path: [...scope, 'Alias', 'Resource'],
      type: 'AWS::KMS::Alias',
      properties: { AliasName: `alias/${aliasName}`, TargetKeyId: getAtt(keyId, 'Arn') },
    },
    line,
  );
  return keyId;
}

export function secret(b: StackBuilder, scope: string[], description: string, username: string, kmsKeyId?: string): string {
  return b.add(
    {
      path: [...scope, 'Resource'],
      type: 'AWS::SecretsManager::Secret',
      properties: {
        Description: description,
        GenerateSecretString: {
          ExcludeCharacters: " %+~`#$&*()|[]{}:;<>?!'/@\"\\",
          GenerateStringKey: 'password',
          PasswordLength: 30,
          SecretStringTemplate: JSON.stringify({ username }),
        },
        ...(kmsKeyId ? { KmsKeyId: getAtt(kmsKeyId, 'Arn') } : {}),
      },
      removal: 'Delete',
    },
    b.nextLine(),
  );
}
