/**
 * The period of `stackguard evidence`, in UTC. A day (YYYY-MM-DD) counts whole: `--since 2026-01-01 --until
 * 2026-03-31` covers the first quarter, both days included. A full timestamp (2026-01-01T09:00:00Z) is taken as
 * given; `until` is then the first instant not included. Without `--until` the period ends now.
 */

import { StackguardInputError } from '../errors.js';
import { EVIDENCE_STEP } from './github-client.js';
import type { Period } from './read-pulls.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function parsePeriod(since: string, until: string | undefined, now: Date): Period {
  const start = instant(since, '--since');
  const end = until === undefined ? now : DAY.test(until) ? new Date(instant(until, '--until').getTime() + DAY_MS) : instant(until, '--until');
  if (end <= start) throw new StackguardInputError(`the period is empty: --until (${until ?? 'now'}) is not after --since (${since})`, EVIDENCE_STEP);
  return { since: start, until: end };
}

function instant(text: string, name: string): Date {
  const value = DAY.test(text) ? new Date(`${text}T00:00:00Z`) : /T.*(Z|[+-]\d{2}:?\d{2})$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(value.getTime())) {
    throw new StackguardInputError(`${name} must be a day (YYYY-MM-DD, UTC) or a timestamp with a zone (2026-01-01T09:00:00Z); got "${text}"`, EVIDENCE_STEP);
  }
  return value;
}
