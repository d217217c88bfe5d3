/**
 * Loads rules/controls/**\/*.yaml into ControlRule objects. Every problem (bad YAML, a schema violation, an id that
 * does not match its file name, a duplicate id, a severity or SOC 2 mapping its source does not state) is
 * collected and reported together as "file: path: message", because a silently skipped rule would under-report
 * control regressions.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ControlRule } from '../../core/controls/types.js';
import { StackguardInputError } from '../../errors.js';
import { loadReferenceData, type ReferenceData } from './reference-data.js';
import { ruleFileSchema } from './rule-schema.js';
import { verifySources } from './verify-sources.js';

const STEP = 'load control rules';

/** rules/controls at the repository root; this module sits three levels below it in both src/ and dist/. */
export function defaultControlRulesDir(): string {
  return fileURLToPath(new URL('../../../rules/controls/', import.meta.url));
}

/** Security Hub and seed facts the rules are checked against. */
export function defaultControlDataDir(): string {
  return join(defaultControlRulesDir(), 'data');
}

export interface LoadControlRulesOptions {
  /** Folder with the reference data; defaults to stackguard's own copy, also when `dir` is a custom folder. */
  dataDir?: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text || '(file)';
}

/** Parses and validates one rule file. Returns the rule, or the problems as "file: path: message" lines. */
export function parseControlRule(text: string, file: string): { rule?: ControlRule; problems: string[] } {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    return { problems: [`${file}: (file): not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  const result = ruleFileSchema.safeParse(data);
  if (!result.success) {
    return { problems: result.error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`) };
  }
  const expectedId = basename(file, extname(file));
  if (result.data.id !== expectedId) return { problems: [`${file}: id: ${result.data.id} must match the file name (${expectedId})`] };
  const rule: ControlRule = { ...result.data, file };
  return { rule, problems: [] };
}

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name))
    .sort();
}

/** Cross-file checks: unique ids and the reference data. */
function checkRuleSet(rules: readonly ControlRule[], data: ReferenceData): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const first = seen.get(rule.id);
    if (first) problems.push(`${rule.file}: id: ${rule.id} is already used in ${first}`);
    else seen.set(rule.id, rule.file ?? '');
    for (const p of verifySources(rule, data)) problems.push(`${rule.file}: ${p.path}: ${p.message}`);
  }
  return problems;
}

export function loadControlRules(dir: string = defaultControlRulesDir(), options: LoadControlRulesOptions = {}): ControlRule[] {
  let files: string[];
  let data: ReferenceData;
  try {
    files = ruleFiles(dir);
    data = loadReferenceData(options.dataDir ?? defaultControlDataDir());
  } catch (error) {
    throw new StackguardInputError(`Cannot read control rules from ${dir}`, STEP, (error as Error).message);
  }
  if (files.length === 0) throw new StackguardInputError(`No control rule files (*.yaml) in ${dir}`, STEP);
  const rules: ControlRule[] = [];
  const problems: string[] = [];
  for (const path of files) {
    const parsed = parseControlRule(readFileSync(path, 'utf8'), relative(dir, path));
    if (parsed.rule) rules.push(parsed.rule);
    problems.push(...parsed.problems);
  }
  problems.push(...checkRuleSet(rules, data));
  if (problems.length > 0) {
    throw new StackguardInputError(`Invalid control rules in ${dir} (${problems.length} problem${problems.length === 1 ? '' : 's'})`, STEP, problems.join('\n'));
  }
  return rules;
}
