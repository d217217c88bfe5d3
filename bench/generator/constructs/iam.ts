/** IAM roles with their default policy, the pair CDK creates behind almost every compute construct. */

import { assumeRolePolicy, policyDocument, type JsonObject } from '../intrinsics.js';
import type { StackBuilder } from '../stack-builder.js';

export interface RoleIds {
  role: string;
  policy: string | null;
}

/**
 * `<scope>/<name>/Resource` and, when there are statements, `<scope>/<name>/DefaultPolicy/Resource`,
 * exactly where `grant*` calls put them.
 */
export function role(
  b: StackBuilder,
  scope: string[],
  name: string,
  service: string,
  statements: JsonObject[],
  managedPolicyArns: JsonObject[] = [],
): RoleIds {
  const line = b.nextLine();
  const roleId = b.add(
    {
      path: [...scope, name, 'Resource'],
      type: 'AWS::IAM::Role',
      properties: {
        AssumeRolePolicyDocument: assumeRolePolicy(service),
        ...(managedPolicyArns.length > 0 ? { ManagedPolicyArns: managedPolicyArns } : {}),
      },
    },
    line,
  );
  if (statements.length === 0) return { role: roleId, policy: null };
  const policyId = b.add(
    {
      path: [...scope, name, 'DefaultPolicy', 'Resource'],
      type: 'AWS::IAM::Policy',
      properties: {
        PolicyDocument: policyDocument(statements),
        PolicyName: policyNameFor(scope, name),
        Roles: [{ Ref: roleId }],
      },
    },
    line,
  );
  return { role: roleId, policy: policyId };
}

/** CDK names a default policy after its logical id; a readable stand-in of the same length is enough. */
function policyNameFor(scope: string[], name: string): string {
  return `${[...scope, name].join('')}DefaultPolicy`.replace(/[^A-Za-z0-9]/g, '').slice(0, 120);
}
