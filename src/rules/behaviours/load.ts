/**
 * Reads rules/downtime/*.yml into BehaviourRule objects. Any problem (bad YAML, a schema violation,
 * a duplicate id, an example naming an unknown rule) fails loudly with the file, the path inside it
 * and a message, because a silently skipped rule would under-report downtime.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import type { BehaviourRule } from '../../core/behaviours/types.js';
import { StackguardInputError } from '../../errors.js';
import { behaviourFileSchema } from './schema.js';

const STEP = 'load downtime rules';

/** rules/downtime at the repository root; this module sits two levels below it in both src/ and dist/. */
export function defaultBehaviourRulesDir(): string {
  return fileURLToPath(new URL('../../../rules/downtime/', import.meta.url));
}

function describePath(path: readonly PropertyKey[], data: unknown): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
    node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    // Name the rule as well as its position, so the author finds it without counting.
    if (path[0] === 'behaviours' && key === path[1] && typeof node === 'object' && node !== null) {
      const id = (node as { id?: unknown }).id;
      if (typeof id === 'string') text += ` (${id})`;
    }
  }
  return text || '(file)';
}

function formatIssues(issues: readonly z.core.$ZodIssue[], data: unknown): string {
  return issues.map((issue) => `  ${describePath(issue.path, data)}: ${issue.message}`).join('\n');
}

/** Parses and validates one rules file; `file` names it in errors and in each rule. */
export function parseBehaviourFile(text: string, file: string): BehaviourRule[] {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (error) {
    throw new StackguardInputError(`Invalid downtime rules file ${file}: not valid YAML`, STEP, String((error as Error).message));
  }
  const result = behaviourFileSchema.safeParse(data);
  if (!result.success) {
    throw new StackguardInputError(`Invalid downtime rules file ${file}`, STEP, formatIssues(result.error.issues, data));
  }
  const { source, tier, behaviours } = result.data;
  return behaviours.map((rule) => ({
    id: rule.id,
    resourceType: rule.resourceType,
    on: rule.on,
    properties: rule.properties ?? [],
    except: rule.except ?? [],
    when: rule.when ?? [],
    downtime: rule.downtime,
    failsToDeploy: rule.failsToDeploy ?? false,
    reason: rule.reason,
    source: rule.source ?? source,
    tier,
    file,
    examples: rule.examples,
  }));
}

/** Checks that span files: unique ids, and examples that name an existing rule. */
export function checkRuleSet(rules: readonly BehaviourRule[]): void {
  const seen = new Map<string, BehaviourRule>();
  const problems: string[] = [];
  for (const rule of rules) {
    const first = seen.get(rule.id);
    if (first) problems.push(`  ${rule.file}: id ${rule.id} is already used in ${first.file}`);
    else seen.set(rule.id, rule);
  }
  for (const rule of rules) {
    rule.examples.forEach((example, i) => {
      const named = example.expect.rule;
      if (typeof named === 'string' && !seen.has(named)) {
        problems.push(`  ${rule.file}: ${rule.id}.examples[${i}].expect.rule: no rule has id ${named}`);
      }
    });
  }
  if (problems.length > 0) throw new StackguardInputError('Invalid downtime rules', STEP, problems.join('\n'));
}

/** Every rule in `dir` (default: the repository's rules/downtime), files in name order. */
export function loadBehaviourRules(dir: string = defaultBehaviourRulesDir()): BehaviourRule[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    throw new StackguardInputError(`Cannot read the downtime rules folder ${dir}`, STEP, String((error as Error).message));
  }
  if (files.length === 0) throw new StackguardInputError(`No downtime rules (*.yml) in ${dir}`, STEP);
  const rules = files.flatMap((name) => parseBehaviourFile(readFileSync(join(dir, name), 'utf8'), name));
  checkRuleSet(rules);
  return rules;
}
