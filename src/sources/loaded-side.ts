import type { CfnTemplate, ResourceOrigin } from '../core/template.js';

/** One stack read from a cloud assembly or a templates folder, with what the assembly knows about its resources. */
export interface LoadedStack {
  /** CloudFormation stack name: the manifest's `properties.stackName`, else the artifact id or file name. */
  stackName: string;
  /** For people: `Prod/Data` for a stack in a Stage, else the stack name. */
  displayName: string;
  template: CfnTemplate;
  /** By logical id, one entry per resource in the template; fields are null when the input does not say. */
  origins: Record<string, ResourceOrigin>;
  /** From the artifact's environment; null for `unknown-account`/`unknown-region` and for templates folders. */
  environment: { account: string; region: string } | null;
  /** `AWS::CloudFormation::Stack` resources whose template is in the same folder, loaded the same way. */
  nested: Array<{ logicalId: string; stack: LoadedStack }>;
}

export interface LoadedSide {
  kind: 'assembly' | 'templates';
  /** Absolute path of the folder that was read. */
  path: string;
  /** One line for a report's baseline description, naming the folder as the user gave it. */
  description: string;
  stacks: LoadedStack[];
}
