/**
 * Collects one stack's resources the way a CDK synth lays them out: logical ids from construct paths,
 * `aws:cdk:path` template metadata, and per-construct manifest metadata (logical id + creation stack).
 */

import { createHash } from 'node:crypto';
import { logicalIdFor } from './ids.js';
import type { Json, JsonObject } from './intrinsics.js';
import { CDK_PATH, CREATION_STACK_ENTRY, LOGICAL_ID_ENTRY, type ResourceJson, type StackModel } from './model.js';
import type { Prng } from './prng.js';

/** Where the synthesizing checkout lived: creation stacks name files under it, as on a CI runner. */
export const APP_ROOT = '/home/runner/work/platform/platform/infra';

export interface ResourceSpec {
  /** Construct path below the stack, e.g. `['Orders', 'Queue', 'Resource']`. */
  path: string[];
  /** `overrideLogicalId`, or the hashed id CDK gives `fn.currentVersion`; else derived from the path. */
  logicalId?: string;
  type: string;
  properties?: JsonObject;
  /** `DeletionPolicy` and `UpdateReplacePolicy` together, as CDK's `RemovalPolicy` writes them. */
  removal?: 'Retain' | 'Delete' | 'Snapshot';
  dependsOn?: string[];
  /** Extra template metadata, e.g. the `aws:asset:*` entries of a Lambda code asset. */
  metadata?: JsonObject;
}

export interface StackIdentity {
  stackName: string;
  /** The class and file that define the stack in the app, for creation-stack frames. */
  stackClass: string;
  sourceFile: string;
  account: string;
  region: string;
  /** Line of `bin/app.ts` that instantiates the stack. */
  appLine: number;
}

export class StackBuilder {
  readonly resources: Record<string, ResourceJson>;
  private readonly outputs: Record<string, JsonObject>;
  private readonly metadata: StackModel['metadata'];
  private line = 12;

  /** With `existing`, constructs are added to that stack (the head side's additions) instead of a new one. */
  constructor(
    readonly identity: StackIdentity,
    readonly prng: Prng,
    private readonly existing?: StackModel,
  ) {
    if (existing) {
      this.resources = existing.template.Resources;
      this.outputs = existing.template.Outputs ?? {};
      this.metadata = existing.metadata;
      // New code goes below the existing constructs of the stack's file.
      this.line = 2000;
      return;
    }
    this.resources = {};
    this.outputs = {};
    this.metadata = {
      [`/${identity.stackName}`]: [
        { type: CREATION_STACK_ENTRY, data: [`Object.<anonymous> (${APP_ROOT}/bin/app.ts:${identity.appLine}:1)`] },
        { type: 'aws:cdk:templateFile', data: `${identity.stackName}.template.json` },
      ],
    };
  }

  /** The source line of the next construct in the stack's file: constructs follow each other down the file. */
  nextLine(): number {
    this.line += this.prng.int(3, 14);
    return this.line;
  }

  add(spec: ResourceSpec, line: number): string {
    const logicalId = spec.logicalId ?? logicalIdFor(spec.path);
    if (this.resources[logicalId]) throw new Error(`duplicate logical id ${logicalId} in ${this.identity.stackName}`);
    const constructPath = `${this.identity.stackName}/${spec.path.join('/')}`;
    // Keys in the order aws-cdk-lib writes them.
    this.resources[logicalId] = {
      Type: spec.type,
      ...(spec.properties ? { Properties: spec.properties } : {}),
      ...(spec.dependsOn ? { DependsOn: spec.dependsOn } : {}),
      ...(spec.removal ? { UpdateReplacePolicy: spec.removal, DeletionPolicy: spec.removal } : {}),
      Metadata: { [CDK_PATH]: constructPath, ...spec.metadata },
    };
    this.metadata[`/${constructPath}`] = [
      { type: LOGICAL_ID_ENTRY, data: logicalId },
      { type: CREATION_STACK_ENTRY, data: this.creationStack(spec.type, line) },
    ];
    return logicalId;
  }

  /** A stack output, exported for another stack's `Fn::ImportValue` when `exportName` is given. */
  output(name: string, value: Json, exportName?: string): void {
    this.outputs[name] = exportName === undefined ? { Value: value } : { Value: value, Export: { Name: exportName } };
    if (this.existing) this.existing.template.Outputs = this.outputs;
    this.metadata[`/${this.identity.stackName}/${name}`] = [{ type: LOGICAL_ID_ENTRY, data: name }];
  }

  finish(): StackModel {
    const { stackName, account, region } = this.identity;
    this.resources['CDKMetadata'] = {
      Type: 'AWS::CDK::Metadata',
      Properties: { Analytics: analytics(Object.values(this.resources).map((r) => r.Type)) },
      Metadata: { [CDK_PATH]: `${stackName}/CDKMetadata/Default` },
    };
    this.metadata[`/${stackName}/CDKMetadata/Default`] = [{ type: LOGICAL_ID_ENTRY, data: 'CDKMetadata' }];
    return {
      stackName,
      environment: `aws://${account}/${region}`,
      template: {
        Resources: this.resources,
        ...(Object.keys(this.outputs).length > 0 ? { Outputs: this.outputs } : {}),
        Parameters: BOOTSTRAP_PARAMETERS,
        Rules: BOOTSTRAP_RULES,
      },
      metadata: this.metadata,
    };
  }

  /** aws-cdk-lib 2.276's folded creation stack: library frames collapsed, the user's frames kept. */
  private creationStack(type: string, line: number): string[] {
    const { stackClass, sourceFile, appLine } = this.identity;
    return [
      `...new ${type.split('::').pop() ?? type} in aws-cdk-lib...`,
      `new ${stackClass} (${APP_ROOT}/lib/${sourceFile}:${line}:5)`,
      `Object.<anonymous> (${APP_ROOT}/bin/app.ts:${appLine}:1)`,
      '...node internals...',
    ];
  }
}

/**
 * CDK writes gzip'd, base64'd construct analytics here. The benchmark only needs an opaque string of the
 * right length that changes when the stack's construct mix changes; compressing would tie the bytes to the
 * zlib build of the Node version that runs the generator.
 */
export function analytics(types: readonly string[]): string {
  const digest = createHash('sha512').update([...types].sort().join('\n')).digest('base64');
  return `v2:deflate64:H4sIAAAAAAAA/${digest}${digest}${digest}`.slice(0, 240);
}

const BOOTSTRAP_PARAMETERS = {
  BootstrapVersion: {
    Type: 'AWS::SSM::Parameter::Value<String>',
    Default: '/cdk-bootstrap/hnb659fds/version',
    Description:
      'Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]',
  },
};

const BOOTSTRAP_RULES = {
  CheckBootstrapVersion: {
    Assertions: [
      {
        Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] },
        AssertDescription:
          "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
      },
    ],
  },
};
