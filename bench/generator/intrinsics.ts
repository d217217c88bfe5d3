/**
 * CloudFormation intrinsic functions as CDK writes them, plus the small value shapes every construct uses.
 * References are what make the benchmark realistic: stackguard follows Ref / Fn::GetAtt / Fn::Sub to propagate
 * replacements, so the generated templates are full of them.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const ref = (logicalId: string): JsonObject => ({ Ref: logicalId });

export const getAtt = (logicalId: string, attribute: string): JsonObject => ({
  'Fn::GetAtt': [logicalId, attribute],
});

export const sub = (text: string): JsonObject => ({ 'Fn::Sub': text });

export const join = (parts: Json[], separator = ''): JsonObject => ({ 'Fn::Join': [separator, parts] });

export const importValue = (exportName: string): JsonObject => ({ 'Fn::ImportValue': exportName });

export const partition = ref('AWS::Partition');

/** `arn:${Partition}:iam::aws:policy/<name>` the way CDK renders a managed policy ARN. */
export const managedPolicyArn = (name: string): JsonObject =>
  join(['arn:', partition, `:iam::aws:policy/${name}`]);

export const tags = (entries: Record<string, string>): JsonObject[] =>
  Object.entries(entries)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([Key, Value]) => ({ Key, Value }));

export const assumeRolePolicy = (service: string): JsonObject => ({
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: service } }],
  Version: '2012-10-17',
});

export const policyDocument = (statements: JsonObject[]): JsonObject => ({
  Statement: statements,
  Version: '2012-10-17',
});

export const allow = (action: string | string[], resource: Json): JsonObject => ({
  Action: action,
  Effect: 'Allow',
  Resource: resource,
});
