/**
 * Checks a rule against the copied reference data: its Security Hub control exists with the severity the rule
 * states, every `prowler` / `steampipe` mapping is one that source gives for that control, and every `seed`
 * mapping is one the seed states. Where the seed names exact criteria for a control, they win: the rule must list
 * them and must not add public mappings on top (README of the shared data: "Where it speaks, it wins").
 */

import type { ControlRule } from '../../core/controls/types.js';
import type { ReferenceData } from './reference-data.js';

export interface SourceProblem {
  path: string;
  message: string;
}

export function verifySources(rule: ControlRule, data: ReferenceData): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const fact = rule.securityHub ? data.securityHub.get(rule.securityHub) : undefined;
  if (rule.securityHub && !fact) {
    problem('securityHub', `${rule.securityHub} is not in rules/controls/data/securityhub-controls*.tsv: copy its row (with its source) there first`);
  }
  if (fact && fact.severity !== rule.severity) {
    problem('severity', `${rule.severity}, but Security Hub rates ${fact.control} ${fact.severity} (data/${fact.file})`);
  }

  const seedKey = rule.securityHub ?? rule.id;
  const seed = data.seed.get(seedKey);
  rule.soc2.forEach((mapping, i) => {
    const at = `soc2[${i}]`;
    if (mapping.source === 'prowler' || mapping.source === 'steampipe') {
      const given = fact?.[mapping.source];
      if (!rule.securityHub) problem(at, `${mapping.source} maps Security Hub controls, and this rule has none`);
      else if (given && !given.includes(mapping.criterion)) {
        problem(at, `${mapping.source} does not map ${rule.securityHub} to ${mapping.criterion} (it gives: ${given.join(', ') || 'nothing'})`);
      }
      if (seed && seed.criteria.length > 0) problem(at, `the seed maps ${seedKey} itself (${seed.criteria.join(', ')}), and where it speaks it wins: drop this ${mapping.source} mapping`);
    }
    if (mapping.source === 'seed') {
      const family = mapping.criterion.replace(/\.\d+$/, '');
      if (!seed) problem(at, `the seed has no mapping for ${seedKey} (data/seed-soc2.tsv)`);
      else if (!seed.criteria.includes(mapping.criterion)) {
        if (!seed.families.includes(family)) problem(at, `the seed does not map ${seedKey} to ${mapping.criterion} (it gives: ${[...seed.criteria, ...seed.families.map((f) => `${f}.x`)].join(', ')})`);
        else if (!mapping.note) problem(`${at}.note`, `the seed names only ${family}.x for ${seedKey}: say why ${mapping.criterion} is the criterion`);
      }
    }
  });
  for (const criterion of seed?.criteria ?? []) {
    if (!rule.soc2.some((m) => m.source === 'seed' && m.criterion === criterion)) {
      problem('soc2', `the seed maps ${seedKey} to ${criterion}: list it with source: seed`);
    }
  }
  return problems;
}
