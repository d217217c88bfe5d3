/**
 * Downtime behaviour rules: what changing, replacing or deleting a resource does to the running system,
 * beyond what the service spec says (create-only properties cause replacement; everything else updatable
 * is "no interruption" unless a rule says otherwise). The data lives in rules/downtime/*.yml.
 */

import type { Downtime } from '../report.js';

/** The CloudFormation operation a rule describes. `update` is an in-place property change. */
export type BehaviourEvent = 'update' | 'replace' | 'delete';

/**
 * Where a rule comes from. A `service` rule (hand-written, one file per service) beats a `reference`
 * rule (generated from the CloudFormation reference) on a path of the same specificity, so a service
 * file can refine a reference fact with a better reason or a condition.
 */
export type BehaviourTier = 'service' | 'reference';

/**
 * A condition on the resource, evaluated on the head side for updates and replacements and on the
 * base side for deletions. `path` is dotted, into the whole resource object (`Properties.X`,
 * `UpdatePolicy.Y`); array levels are looked through. Exactly one of `exists`, `equals`, `in` is set.
 */
export interface BehaviourCondition {
  path: string;
  /** Update rules only: `base` reads the value before the change (default `head`, after it). */
  side?: 'head' | 'base';
  exists?: boolean;
  equals?: unknown;
  in?: unknown[];
  notIn?: unknown[];
}

/** A resource as written in a template, minus `Type` (the rule's `resourceType` supplies it). */
export type ExampleResource = Record<string, unknown> & { Properties?: Record<string, unknown> };

/**
 * A worked example, run by the test suite. `rule` names the rule expected to decide the downtime
 * (default: the rule the example belongs to); `null` means no behaviour rule applies at all.
 */
export interface BehaviourExample {
  name: string;
  /** Set only on examples of a rule for every type (`*`): the type the example is written for. */
  resourceType?: string;
  base?: ExampleResource;
  head?: ExampleResource;
  expect: { downtime: Downtime; rule?: string | null; failsToDeploy?: boolean };
}

export interface BehaviourRule {
  /** Unique across all files, kebab-case. */
  id: string;
  /** A CloudFormation type, or `*` for a rule about every type (tags, descriptions). */
  resourceType: string;
  on: BehaviourEvent;
  /** Dotted property paths under `Properties` (array indices dropped); `*` is any path. Empty unless `on: update`. */
  properties: string[];
  /** Paths the rule does not cover, even though `properties` would. */
  except: string[];
  /** All must hold for the rule to apply; empty means always. */
  when: BehaviourCondition[];
  downtime: Downtime;
  /** The change cannot succeed on an existing resource: the deployment fails and rolls back. */
  failsToDeploy: boolean;
  /** One sentence a reviewer reads. */
  reason: string;
  /** Attribution: the documentation the rule relies on, or "stackguard's own judgement". */
  source: string;
  tier: BehaviourTier;
  /** The rules file it was read from, relative to the rules folder, for error messages. */
  file: string;
  examples: BehaviourExample[];
}

/** The rule that decides what one change does. */
export interface BehaviourMatch {
  ruleId: string;
  downtime: Downtime;
  reason: string;
  source: string;
  /** The tier of the rule's file: a hand-written service rule or a generated CloudFormation reference fact. */
  tier: BehaviourTier;
  /** The changed path the rule matched (empty for replace and delete). */
  path: string;
  failsToDeploy: boolean;
}
