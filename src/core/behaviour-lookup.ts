import type { Downtime } from './report.js';
import type { CfnResource } from './template.js';

/** A downtime behaviour rule that matched a change. */
export interface BehaviourMatch {
  ruleId: string;
  downtime: Downtime;
  reason: string;
  /** 'service' for hand-written rules; 'reference' for facts generated from the CloudFormation docs. */
  tier?: 'service' | 'reference';
  /** The changed property path the rule matched. */
  path: string;
  /** The change cannot succeed on an existing resource (CloudFormation or the service refuses it). */
  failsToDeploy?: boolean;
}

/**
 * What the classifier asks of the downtime behaviour rules (rules/downtime/). The review wiring builds it from the
 * loaded rules; tests may build it from a handful of rules.
 */
export interface BehaviourLookup {
  /** Leaf paths that differ between two values of one top-level property, array indices dropped. */
  changedPaths(propertyName: string, oldValue: unknown, newValue: unknown): string[];
  /** The rule that says what updating `path` in place does, if any. */
  matchUpdate(resourceType: string, path: string, head: CfnResource, base: CfnResource): BehaviourMatch | undefined;
  /** A rule that overrides the downtime of replacing or deleting a resource of this type (e.g. immutable versions). */
  matchLifecycle(resourceType: string, on: 'replace' | 'delete', resource: CfnResource): BehaviourMatch | undefined;
}
