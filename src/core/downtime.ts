import { DOWNTIMES, SEVERITIES, type Downtime, type Severity } from './report.js';

/** Rank of a downtime class: higher is worse. */
export function downtimeRank(downtime: Downtime): number {
  return DOWNTIMES.indexOf(downtime);
}

/** The worse of two downtime classes ("worst of", as cloudformation-diff ranks its impacts). */
export function worseDowntime(a: Downtime, b: Downtime): Downtime {
  return downtimeRank(a) >= downtimeRank(b) ? a : b;
}

export function worstDowntime(values: Iterable<Downtime>, floor: Downtime = 'none'): Downtime {
  let worst = floor;
  for (const value of values) worst = worseDowntime(worst, value);
  return worst;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function emptyDowntimeCounts(): Record<Downtime, number> {
  return Object.fromEntries(DOWNTIMES.map((d) => [d, 0])) as Record<Downtime, number>;
}
