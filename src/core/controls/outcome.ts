/**
 * The three-valued result of a condition, with the reasons a reader sees and the resources that decided it.
 * Combinators use Kleene logic: a definite fail (allOf) or pass (anyOf) wins over unknown.
 */

import type { EvidenceLocation } from './results.js';

export type Verdict = 'pass' | 'fail' | 'unknown';

export interface Outcome {
  verdict: Verdict;
  reasons: string[];
  evidence: Evidence;
}

/** An ordered set of (stack, logical id) pairs. */
export class Evidence {
  private readonly items = new Map<string, EvidenceLocation>();

  static of(...locations: EvidenceLocation[]): Evidence {
    const evidence = new Evidence();
    for (const location of locations) evidence.add(location);
    return evidence;
  }

  add(location: EvidenceLocation): this {
    this.items.set(`${location.stackName}\u0000${location.logicalId}`, location);
    return this;
  }

  merge(other: Evidence): this {
    for (const location of other.items.values()) this.add(location);
    return this;
  }

  list(): EvidenceLocation[] {
    return [...this.items.values()];
  }
}

export function outcome(verdict: Verdict, reasons: string[] = [], evidence: Evidence = new Evidence()): Outcome {
  return { verdict, reasons, evidence };
}

function mergeEvidence(outcomes: readonly Outcome[]): Evidence {
  const evidence = new Evidence();
  for (const o of outcomes) evidence.merge(o.evidence);
  return evidence;
}

function reasonsOf(outcomes: readonly Outcome[]): string[] {
  return outcomes.flatMap((o) => o.reasons);
}

/** All must pass. A fail reports the failing parts; a pass reports everything that made it pass. */
export function allOf(outcomes: readonly Outcome[]): Outcome {
  const failed = outcomes.filter((o) => o.verdict === 'fail');
  if (failed.length > 0) return outcome('fail', reasonsOf(failed), mergeEvidence(failed));
  const unknown = outcomes.filter((o) => o.verdict === 'unknown');
  if (unknown.length > 0) return outcome('unknown', reasonsOf(unknown), mergeEvidence(outcomes));
  return outcome('pass', reasonsOf(outcomes), mergeEvidence(outcomes));
}

/** One must pass. A pass reports the passing parts; a fail reports every part that was tried. */
export function anyOf(outcomes: readonly Outcome[]): Outcome {
  const passed = outcomes.filter((o) => o.verdict === 'pass');
  if (passed.length > 0) return outcome('pass', reasonsOf(passed), mergeEvidence(passed));
  const unknown = outcomes.filter((o) => o.verdict === 'unknown');
  if (unknown.length > 0) return outcome('unknown', reasonsOf(unknown), mergeEvidence(outcomes));
  return outcome('fail', reasonsOf(outcomes), mergeEvidence(outcomes));
}

/** Swaps pass and fail (used by `none` and `notReferencedBy`); evidence stays with the parts that matched. */
export function negate(result: Outcome, reasonWhenPassing: string[]): Outcome {
  if (result.verdict === 'unknown') return result;
  return result.verdict === 'pass'
    ? outcome('fail', result.reasons, result.evidence)
    : outcome('pass', reasonWhenPassing, result.evidence);
}
