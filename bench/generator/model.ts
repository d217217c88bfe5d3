/** The in-memory shape of one generated stack: its template and the construct metadata of its artifact. */

import type { Json, JsonObject } from './intrinsics.js';

export interface ResourceJson {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata: JsonObject;
  [attribute: string]: Json | undefined;
}

export interface TemplateJson {
  Resources: Record<string, ResourceJson>;
  Outputs?: Record<string, JsonObject>;
  Parameters: JsonObject;
  Rules: JsonObject;
}

/** One entry of an artifact's metadata map (cloud assembly schema `MetadataEntry`). */
export interface MetadataEntry {
  type: string;
  data: Json;
}

export interface StackModel {
  /** Artifact id, stack name and template file stem: `Prod-Workers`. */
  stackName: string;
  /** `aws://<account>/<region>`. */
  environment: string;
  template: TemplateJson;
  /** Construct path with a leading slash → entries, as in manifest.json. */
  metadata: Record<string, MetadataEntry[]>;
}

export const CDK_PATH = 'aws:cdk:path';
export const LOGICAL_ID_ENTRY = 'aws:cdk:logicalId';
export const CREATION_STACK_ENTRY = 'aws:cdk:creationStack';

/** The construct path a resource records in its `aws:cdk:path` metadata. */
export function constructPathOf(resource: ResourceJson): string {
  const cdkPath = resource.Metadata[CDK_PATH];
  if (typeof cdkPath !== 'string') throw new Error(`resource of type ${resource.Type} has no ${CDK_PATH}`);
  return cdkPath;
}

/** Everything but CDK's bookkeeping resource: what the benchmark counts as the stack's resources. */
export function countedResources(template: TemplateJson): Array<[string, ResourceJson]> {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type !== 'AWS::CDK::Metadata');
}
