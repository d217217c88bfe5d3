/**
 * The shapes of a SOC 2 control rule and of its evaluation. Rules are data (rules/controls/**.yaml, validated by
 * src/rules/controls/schema.ts); the engine in this folder evaluates them on templates and compares two sides.
 */

import type { Severity } from '../report.js';
import type { CfnResource } from '../template.js';

export type Soc2Source = 'seed' | 'prowler' | 'steampipe' | 'own';

/** One SOC 2 criterion a rule maps to, and who says so. */
export interface Soc2Mapping {
  criterion: string;
  source: Soc2Source;
  /** Why the mapping holds; required for `own` judgements and for seed statements about a whole family (A1.x). */
  note?: string;
}

/** What a missing property means to a test: the rule passes or fails the resource. */
/**
 * What a missing property means: `pass` or `fail`, or `unknown` where AWS applies a default stackguard cannot see
 * (the rule then does not judge the resource; a resource that passed before and loses the property gets a
 * "check it by hand" warning instead of a silent pass).
 */
export type MissingMeaning = 'pass' | 'fail' | 'unknown';
export type Scalar = string | number | boolean;

/** Resource attributes (outside Properties) a test may read. */
export const RESOURCE_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;
export type ResourceAttribute = (typeof RESOURCE_ATTRIBUTES)[number];

/** Another resource of the same template that refers to the one being judged, through `path`. */
export interface RelationTest {
  type: string | string[];
  path: string;
  where?: Condition;
  /** referencedBy only: how many referrers must satisfy `where` (default 1). */
  atLeast?: number;
}

/** A resource this one refers to through `path`, which must satisfy `where`. */
export interface ReferenceTest {
  path: string;
  type?: string | string[];
  missing: MissingMeaning;
  where?: Condition;
}

/** Resources of `type` whose properties (keys of `on`) equal this node's values at the paths (values of `on`). */
export interface JoinTest {
  type: string;
  on: Record<string, string>;
  where?: Condition;
}

/** App scope only: some resource of `type` in any stack satisfies `where`. */
export interface AnyResourceTest {
  type: string | string[];
  where?: Condition;
}

/**
 * A condition is exactly one of: a combinator (allOf, anyOf), a relation to other resources (referencedBy,
 * notReferencedBy, references, joinedBy, anyResource), or a value test on `path` / `attribute` of the current
 * node (equals … none). The schema enforces "exactly one"; the engine dispatches on the key present.
 */
export interface Condition {
  allOf?: Condition[];
  anyOf?: Condition[];
  referencedBy?: RelationTest;
  notReferencedBy?: RelationTest;
  references?: ReferenceTest;
  joinedBy?: JoinTest;
  anyResource?: AnyResourceTest;

  /** Dotted path under the current node (a resource's Properties, an array element, a referrer's Properties). */
  path?: string;
  attribute?: ResourceAttribute;
  missing?: MissingMeaning;

  equals?: Scalar;
  notEquals?: Scalar;
  in?: Scalar[];
  notIn?: Scalar[];
  matches?: string;
  exists?: boolean;
  atLeast?: number;
  contains?: Scalar;
  predicate?: string;
  params?: Record<string, unknown>;
  every?: Condition;
  some?: Condition;
  none?: Condition;
}

export const STRUCTURAL_KEYS = ['allOf', 'anyOf', 'referencedBy', 'notReferencedBy', 'references', 'joinedBy', 'anyResource'] as const;
export const VALUE_TEST_KEYS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'matches',
  'exists',
  'atLeast',
  'contains',
  'predicate',
  'every',
  'some',
  'none',
] as const;

export interface RuleExample {
  name: string;
  expect: 'pass' | 'fail' | 'unknown';
  /** Logical id the expectation is about; may be omitted when one resource of the rule's types is in the example. */
  resource?: string;
  /** A single stack's Resources map (stack name "Example")… */
  resources?: Record<string, CfnResource>;
  /** …or several stacks, by name, for app-wide rules. */
  stacks?: Record<string, Record<string, CfnResource>>;
}

export interface ControlRule {
  id: string;
  /** AWS Security Hub control id; absent when Security Hub has no such control (the rule id is used instead). */
  securityHub?: string;
  /** CIS AWS Foundations Benchmark ids as "<benchmark version>/<section>", e.g. "1.2.0/2.1". */
  cis?: string[];
  title: string;
  severity: Severity;
  resourceTypes: string[];
  /** `resource`: judged per resource; `app`: one judgement for the whole app (e.g. "a multi-Region trail exists"). */
  scope: 'resource' | 'app';
  /** Applicability: a resource that fails `when` is not judged at all. */
  when?: Condition;
  condition?: Condition;
  /** A built-in check function (src/core/controls/checks) for logic the condition language cannot express. */
  check?: { name: string; params: Record<string, unknown> };
  soc2: Soc2Mapping[];
  /** How to fix it, in CDK terms. */
  remediation: string;
  /** How the rule reads defaults and edge cases, for the catalogue. */
  notes?: string;
  examples: RuleExample[];
  /** File the rule was loaded from, relative to the rules folder. */
  file?: string;
}

/** The id reports use for a rule: its Security Hub control, else its own id. */
export function controlIdOf(rule: Pick<ControlRule, 'id' | 'securityHub'>): string {
  return rule.securityHub ?? rule.id;
}
