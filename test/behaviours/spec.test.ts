/**
 * The rules against the CloudFormation service spec: a rule that names a type or property the spec
 * does not know is a typo or an outdated fact, and an update rule on a create-only property can never
 * apply (the spec's replacement always wins), so both fail here.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBehaviourRules } from '../../src/rules/behaviours/load.js';
import { lookupPropertyPath, resourceTypeExists, topLevelReplacement } from '../../src/rules/behaviours/spec-paths.js';

const rules = loadBehaviourRules();
const typed = rules.filter((rule) => rule.resourceType !== '*');

describe('rules against the service spec', () => {
  it('name resource types the spec knows', () => {
    const unknown = typed.filter((rule) => !resourceTypeExists(rule.resourceType)).map((rule) => `${rule.id}: ${rule.resourceType}`);
    expect(unknown).toEqual([]);
  });

  it('name property paths that exist in the spec', () => {
    const missing = typed.flatMap((rule) =>
      [...rule.properties, ...rule.except]
        .filter((path) => path !== '*' && !lookupPropertyPath(rule.resourceType, path))
        .map((path) => `${rule.id}: ${rule.resourceType} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('never target a create-only property with an update rule', () => {
    const dead = typed.flatMap((rule) =>
      rule.properties
        .filter((path) => path !== '*' && topLevelReplacement(rule.resourceType, path.split('.')[0]!) === 'yes')
        .map((path) => `${rule.id}: ${path}`),
    );
    expect(dead).toEqual([]);
  });

  it('check examples of rules for every type against real types', () => {
    const examples = rules.filter((rule) => rule.resourceType === '*').flatMap((rule) => rule.examples);
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.filter((example) => !resourceTypeExists(example.resourceType!)).map((e) => e.name)).toEqual([]);
  });
});

describe('the rules catalogue in docs/downtime-rules.md', () => {
  it('lists every hand-written rule', () => {
    const docs = readFileSync(new URL('../../docs/downtime-rules.md', import.meta.url), 'utf8');
    const missing = rules.filter((rule) => rule.tier === 'service' && !docs.includes(`\`${rule.id}\``)).map((rule) => rule.id);
    expect(missing).toEqual([]);
  });
});
