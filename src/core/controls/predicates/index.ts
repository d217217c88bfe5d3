/**
 * Named predicates a condition can apply to a value (`predicate: allowsPublicAccess`): small functions for what
 * the declarative tests cannot say, such as "some statement of this policy document lets anyone in". A
 * predicate answers pass (it holds), fail (it does not) or unknown (an intrinsic hides the answer).
 */

import type { Verdict } from '../outcome.js';
import { filterPatternHasTerms } from './filter-pattern.js';
import { both, deniesInsecureTransportCondition, effectIs, findStatement, isPublicPrincipal, listIncludes, statementsOf } from './policy-statements.js';

export interface PredicateResult {
  verdict: Verdict;
  reason: string;
}

export type Predicate = (value: unknown, params: Readonly<Record<string, unknown>>) => PredicateResult;

function statementLabel(statement: Record<string, unknown> | undefined, index: number): string {
  const sid = statement?.['Sid'];
  return typeof sid === 'string' ? `statement ${sid}` : `statement ${index + 1}`;
}

function fromStatementSearch(value: unknown, test: Parameters<typeof findStatement>[1], holds: string, fails: string): PredicateResult {
  const doc = statementsOf(value);
  const found = findStatement(doc, test);
  if (found === 'unknown') return { verdict: 'unknown', reason: `the policy has statements stackguard cannot resolve statically` };
  if (found < 0) return { verdict: 'fail', reason: fails };
  return { verdict: 'pass', reason: `${statementLabel(doc.statements[found], found)} ${holds}` };
}

/**
 * An Allow statement for a public principal with no Condition. Any Condition (aws:SourceArn, aws:PrincipalOrgID,
 * aws:SourceVpce, ...) is read as a restriction, as Security Hub's public-access checks do for the common keys.
 */
const allowsPublicAccess: Predicate = (value) =>
  fromStatementSearch(
    value,
    (s) => both(effectIs(s, 'Allow'), isPublicPrincipal(s['Principal']), s['Condition'] === undefined),
    'allows any principal without a condition',
    'no statement allows any principal without a condition',
  );

/** A Deny for every principal when aws:SecureTransport is false: what CDK's `enforceSSL: true` writes. */
const deniesInsecureTransport: Predicate = (value) =>
  fromStatementSearch(
    value,
    (s) => both(effectIs(s, 'Deny'), isPublicPrincipal(s['Principal']), deniesInsecureTransportCondition(s['Condition'])),
    'denies requests that do not use TLS (aws:SecureTransport false)',
    'no statement denies requests with aws:SecureTransport false',
  );

/** An Allow of action `*` on resource `*`: full administrator access (IAM.1). */
const grantsFullAdmin: Predicate = (value) =>
  fromStatementSearch(
    value,
    (s) => {
      const action = listIncludes(s['Action'], '*');
      const wildcardAction = action === true ? true : listIncludes(s['Action'], '*:*') === true ? true : action;
      return both(effectIs(s, 'Allow'), wildcardAction, listIncludes(s['Resource'], '*'));
    },
    'allows action * on resource *',
    'no statement allows action * on resource *',
  );

export const PREDICATES: Readonly<Record<string, Predicate>> = {
  allowsPublicAccess,
  deniesInsecureTransport,
  grantsFullAdmin,
  filterPatternHasTerms,
};
