/** Small wordings shared by the posture renderers. */

import { SEVERITIES } from '../report.js';
import type { PostureReport, Ratio, SeverityCounts } from './types.js';

export function ratioText({ passing, total }: Ratio): string {
  if (total === 0) return '0/0';
  return `${passing}/${total} (${Math.round((100 * passing) / total)}%)`;
}

/** "CRITICAL 0 · HIGH 6 · MEDIUM 30 · LOW 4 · INFORMATIONAL 0", worst first. */
export function severityCountsText(counts: SeverityCounts): string {
  return [...SEVERITIES].reverse().map((s) => `${s} ${counts[s]}`).join(' · ');
}

export function scopeText(report: PostureReport): string {
  const accounts = report.scope.accounts.length > 0 ? report.scope.accounts.join(', ') : 'the default account';
  return `${accounts} · ${report.scope.regions.join(', ') || 'the default region'}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
