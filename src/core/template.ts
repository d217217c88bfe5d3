import type { DescribeChangeSetOutput } from '@aws-cdk/cloudformation-diff';

/**
 * The CloudFormation template shapes the pure core works on. Templates come from a cloud assembly,
 * a folder of `*.template.json` files, a deployed stack or a base-branch synth; by the time they reach
 * the core they are plain parsed JSON.
 */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  UpdatePolicy?: Record<string, unknown>;
  CreationPolicy?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  [attribute: string]: unknown;
}

export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  [section: string]: unknown;
}

/** Where a resource came from in the CDK app, when the assembly records it. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** What the assembly knows about a resource beyond its template: construct path and creation stack. */
export interface ResourceOrigin {
  constructPath: string | null;
  source: SourceLocation | null;
}

/**
 * One stack to review: its template on the base side and on the head side (either may be missing),
 * plus the origins of its head (and base) resources keyed by logical id.
 */
export interface StackInput {
  stackName: string;
  /** Display name of the parent for nested stacks, else undefined. */
  parentStack?: string;
  base?: CfnTemplate;
  head?: CfnTemplate;
  origins?: Record<string, ResourceOrigin>;
  /** Stack-level notes from the source (e.g. a deployed stack in UPDATE_ROLLBACK_FAILED), shown with the stack. */
  notes?: string[];
  /**
   * CloudFormation's own change set for this stack (DescribeChangeSet output), when the baseline made one: its
   * Replacement and PolicyAction override the template-based guess in cloudformation-diff's fullDiff.
   */
  changeSet?: DescribeChangeSetOutput;
}
