/**
 * Does a CloudWatch Logs metric filter pattern watch for the events a CIS benchmark alarm needs? Patterns are
 * written many ways (spacing, quotes, parentheses, term order), so instead of comparing whole strings this checks
 * that each required term (`$.eventName=DeleteTrail`) occurs, ignoring whitespace and double quotes.
 */

import type { Predicate } from './index.js';

function normalize(text: string): string {
  return text.replace(/[\s"]/g, '');
}

/** True when `term` occurs in `pattern` as a whole term: `CreateRoute` must not be satisfied by `CreateRouteTable`. */
function hasTerm(pattern: string, term: string): boolean {
  for (let at = pattern.indexOf(term); at >= 0; at = pattern.indexOf(term, at + 1)) {
    const next = pattern[at + term.length];
    if (next === undefined || !/[A-Za-z0-9_*]/.test(next)) return true;
  }
  return false;
}

export const filterPatternHasTerms: Predicate = (value, params) => {
  const terms = Array.isArray(params['terms']) ? params['terms'].filter((t): t is string => typeof t === 'string') : [];
  if (typeof value !== 'string') return { verdict: 'fail', reason: 'the filter pattern is not a string' };
  const pattern = normalize(value);
  const missing = terms.filter((term) => !hasTerm(pattern, normalize(term)));
  if (missing.length === 0) return { verdict: 'pass', reason: `the filter pattern has all ${terms.length} required terms` };
  return { verdict: 'fail', reason: `the filter pattern lacks ${missing.join(', ')}` };
};
