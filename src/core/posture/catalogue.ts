/**
 * Which SOC 2 criteria (and CIS requirements) a Security Hub control maps to. stackguard's rules catalogue speaks
 * first: each rule records its criteria with their source (the seed, Prowler, Steampipe or stackguard's own
 * judgement). For a control no rule mirrors, the seed's own table, then the public mappings copied into
 * rules/controls/data/ (Prowler and Steampipe, joined). A control none of them maps has no criteria, and the posture
 * report lists it as unmapped rather than dropping it.
 */

import { controlIdOf, type ControlRule } from '../controls/types.js';

export type Soc2MappingSource = 'rules' | 'seed' | 'public' | 'none';

export interface ControlFacts {
  controlId: string;
  soc2: string[];
  soc2Source: Soc2MappingSource;
  /** CIS ids the rules record for the control ("1.2.0/2.7"). Findings bring their own; these fill gaps. */
  cis: string[];
}

/** The mapping data of rules/controls/data/, as src/rules/controls/reference-data.ts reads it (structurally). */
export interface MappingData {
  securityHub: ReadonlyMap<string, { prowler: readonly string[]; steampipe: readonly string[] }>;
  seed: ReadonlyMap<string, { criteria: readonly string[]; families: readonly string[] }>;
}

export interface ControlCatalogue {
  lookup(controlId: string): ControlFacts;
}

export function compareNatural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareNatural);
}

export function buildControlCatalogue(rules: readonly ControlRule[], data: MappingData): ControlCatalogue {
  const fromRules = new Map<string, { soc2: string[]; cis: string[] }>();
  for (const rule of rules) {
    const id = controlIdOf(rule);
    const entry = fromRules.get(id) ?? { soc2: [], cis: [] };
    entry.soc2.push(...rule.soc2.map((m) => m.criterion));
    entry.cis.push(...(rule.cis ?? []));
    fromRules.set(id, entry);
  }

  return {
    lookup(controlId: string): ControlFacts {
      const rule = fromRules.get(controlId);
      const cis = sortedUnique(rule?.cis ?? []);
      if (rule && rule.soc2.length > 0) return { controlId, soc2: sortedUnique(rule.soc2), soc2Source: 'rules', cis };
      const seed = data.seed.get(controlId);
      if (seed) {
        // The seed names some criteria only by family ("A1.x"); keep its words rather than guess a criterion.
        return { controlId, soc2: sortedUnique([...seed.criteria, ...seed.families.map((f) => `${f}.x`)]), soc2Source: 'seed', cis };
      }
      const mapped = data.securityHub.get(controlId);
      const publicCriteria = sortedUnique([...(mapped?.prowler ?? []), ...(mapped?.steampipe ?? [])]);
      if (publicCriteria.length > 0) return { controlId, soc2: publicCriteria, soc2Source: 'public', cis };
      return { controlId, soc2: [], soc2Source: 'none', cis };
    },
  };
}
