/**
 * The "Conditional replacements" table in docs/downtime-rules.md against the service spec and the rules: every
 * property the spec marks as a conditional replacement ("maybe") on a stateful type is listed; a rule the table says
 * decides it exists and covers that type and property; a property the table calls undecided has no service rule and
 * really is reviewed as a conditional replacement that blocks.
 */

import { readFileSync } from 'node:fs';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { describe, expect, it } from 'vitest';
import { buildBehaviourIndex, createBehaviourLookup } from '../../src/core/behaviours/index.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { review } from '../../src/core/review.js';
import type { CfnResource } from '../../src/core/template.js';
import { loadBehaviourRules } from '../../src/rules/behaviours/load.js';
import { facts } from '../core/builders.js';

interface Row {
  type: string;
  property: string;
  ruleIds: string[];
}

const rules = loadBehaviourRules();
const byId = new Map(rules.map((rule) => [rule.id, rule]));

function conditionalOnStatefulTypes(): string[] {
  const db = loadAwsServiceSpecSync();
  return db
    .all('resource')
    .filter((resource) => resource.isStateful === true)
    .flatMap((resource) =>
      Object.entries(resource.properties)
        .filter(([, property]) => property.causesReplacement === 'maybe')
        .map(([name]) => `${resource.cloudFormationType} ${name}`),
    )
    .sort();
}

/** The rows of the table under "## Conditional replacements" (up to the next heading). */
function tableRows(): Row[] {
  const docs = readFileSync(new URL('../../docs/downtime-rules.md', import.meta.url), 'utf8');
  const start = docs.indexOf('\n## Conditional replacements\n');
  expect(start, 'docs/downtime-rules.md has a "## Conditional replacements" section').toBeGreaterThan(-1);
  const section = docs.slice(start + 1).split(/\n#{1,3} /)[0]!;
  return section
    .split('\n')
    .filter((line) => /^\| AWS::/.test(line))
    .map((line) => {
      const [type, property, decidedBy] = line.split('|').slice(1, 4).map((cell) => cell.trim());
      const ruleIds = [...decidedBy!.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);
      return { type: type!, property: property!, ruleIds };
    });
}

/** Service update rules for `type` with a path into `property`. */
function serviceRulesFor(type: string, property: string) {
  return rules.filter(
    (rule) =>
      rule.tier === 'service' &&
      rule.on === 'update' &&
      rule.resourceType === type &&
      rule.properties.some((path) => path.split('.')[0] === property),
  );
}

const rows = tableRows();

describe('conditional replacements in docs/downtime-rules.md', () => {
  it('list exactly the properties the spec marks "maybe" on a stateful type', () => {
    const listed = rows.map((row) => `${row.type} ${row.property}`).sort();
    expect(new Set(listed).size, 'no property listed twice').toBe(listed.length);
    expect(listed).toEqual(conditionalOnStatefulTypes());
  });

  it('name only rules that exist and cover the type and property of their row', () => {
    const problems = rows.flatMap((row) =>
      row.ruleIds.flatMap((id) => {
        const rule = byId.get(id);
        if (!rule) return [`${row.type} ${row.property}: no rule ${id}`];
        const covers = serviceRulesFor(row.type, row.property).includes(rule);
        return covers ? [] : [`${row.type} ${row.property}: ${id} is not a service update rule on this type and property`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('name every service rule that decides a listed property', () => {
    const unnamed = rows.flatMap((row) =>
      serviceRulesFor(row.type, row.property)
        .filter((rule) => !row.ruleIds.includes(rule.id))
        .map((rule) => `${row.type} ${row.property}: ${rule.id}`),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('a property the table calls "not decided"', () => {
  const behaviours = createBehaviourLookup(buildBehaviourIndex(rules));
  const undecided = rows.filter((row) => row.ruleIds.length === 0);

  it('exists in the table (the rest of this block would be empty otherwise)', () => {
    expect(undecided.length).toBeGreaterThan(0);
  });

  it.each(undecided.map((row) => [`${row.type} ${row.property}`, row] as const))(
    '%s is reviewed as a conditional replacement that blocks',
    (_name, row) => {
      const side = (value: string) => ({
        Resources: { R: { Type: row.type, Properties: { [row.property]: value } } as CfnResource },
      });
      const report = review({
        stacks: [{ stackName: 'Example', base: side('stackguard-old'), head: side('stackguard-new') }],
        baseline: { kind: 'templates', description: 'conditional coverage' },
        behaviours,
        facts,
        policy: DEFAULT_POLICY,
      });
      const change = report.stacks[0]!.changes.find((c) => c.logicalId === 'R')!;
      expect(change.downtime).toBe('replacement');
      expect(change.conditional).toBe(true);
      expect(change.blocking).toBe(true);
      expect(change.reasons.join('\n')).toContain('may be replaced: CloudFormation decides at deploy time');
      expect(change.blockedBy.map((cause) => cause.policy)).toContain('conditional-replacement');
    },
  );
});
