/**
 * Reads the reference facts copied into rules/controls/data/: Security Hub controls (severity, title, the SOC 2
 * criteria Prowler and Steampipe give) and the seed's own SOC 2 mapping. The rules are checked against these at
 * load time, so a rule cannot claim a severity or a mapping its source does not state.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITIES, type Severity } from '../../core/report.js';

export interface SecurityHubFact {
  control: string;
  severity: Severity;
  title: string;
  prowler: string[];
  steampipe: string[];
  /** The data file the row came from. */
  file: string;
}

export interface SeedFact {
  /** A Security Hub control id, or a rule id for a topic Security Hub has no control for. */
  key: string;
  /** Exact criteria the seed names (CC6.7). */
  criteria: string[];
  /** Criteria families the seed names as a whole (A1 for "A1.x"). */
  families: string[];
  finding: string;
}

export interface ReferenceData {
  securityHub: Map<string, SecurityHubFact>;
  seed: Map<string, SeedFact>;
}

export const SECURITY_HUB_FILES = ['securityhub-controls.tsv', 'securityhub-controls-extra.tsv'];
export const SEED_FILE = 'seed-soc2.tsv';

function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

function list(cell: string | undefined): string[] {
  return (cell ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseSecurityHubTsv(text: string, file: string): SecurityHubFact[] {
  return rows(text).map((cells, i) => {
    const [control, severity, title] = cells;
    if (!control || !title || !SEVERITIES.includes(severity as Severity)) {
      throw new Error(`${file}: data row ${i + 1} needs control, severity (${SEVERITIES.join('/')}) and title`);
    }
    return { control, severity: severity as Severity, title, prowler: list(cells[3]), steampipe: list(cells[4]), file };
  });
}

export function parseSeedTsv(text: string, file: string): SeedFact[] {
  return rows(text).map((cells, i) => {
    const [key, criteria, finding] = cells;
    if (!key || !criteria || !finding) throw new Error(`${file}: data row ${i + 1} needs key, criteria and the seed's words`);
    const all = list(criteria);
    return {
      key,
      criteria: all.filter((c) => !c.endsWith('.x')),
      families: all.filter((c) => c.endsWith('.x')).map((c) => c.slice(0, -2)),
      finding,
    };
  });
}

export function loadReferenceData(dataDir: string): ReferenceData {
  const securityHub = new Map<string, SecurityHubFact>();
  for (const name of SECURITY_HUB_FILES) {
    for (const fact of parseSecurityHubTsv(readFileSync(join(dataDir, name), 'utf8'), name)) {
      if (securityHub.has(fact.control)) throw new Error(`${name}: ${fact.control} is already in ${securityHub.get(fact.control)!.file}`);
      securityHub.set(fact.control, fact);
    }
  }
  const seed = new Map(parseSeedTsv(readFileSync(join(dataDir, SEED_FILE), 'utf8'), SEED_FILE).map((f) => [f.key, f]));
  return { securityHub, seed };
}
