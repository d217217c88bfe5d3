/**
 * Turns zod issues into config problems a person can act on: a path written as in the docs
 * (`allow[2].reason`), a message that says what to write, the line and column, and a near-miss hint for typos.
 */

import type { z } from 'zod';
import { keyPaths, keysAt } from './known-keys.js';
import { closestMatch } from './suggest.js';
import type { TextPosition } from './locate.js';

export interface ConfigProblem {
  /** `policy.severityThreshold`, `allow[2].reason`; `(yaml)` for a syntax error; `(root)` for the whole file. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type Locator = (path: ReadonlyArray<PropertyKey>, pointAtKey: boolean) => TextPosition | undefined;

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  const text = path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
  return text || '(root)';
}

export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType,
  locate: Locator,
): ConfigProblem[] {
  return issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { path: formatPath(path), message: unknownKeyMessage(schema, issue.path, key), ...locate(path, true) };
      });
    }
    const pointAtKey = issue.code === 'invalid_key';
    return [{ path: formatPath(issue.path), message: messageFor(issue), ...locate(issue.path, pointAtKey) }];
  });
}

function messageFor(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      if (input === undefined) return `is required (${issue.expected})`;
      if (input === null) return `has no value: give it one or remove the key (expected ${issue.expected})`;
      return `must be ${article(issue.expected)}; got ${preview(input)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const hint = typeof input === 'string' ? closestMatch(input, options) : undefined;
      return `${issue.message}; got ${preview(input)}${hint ? `: did you mean "${hint}"?` : ''}`;
    }
    case 'invalid_key':
      return `${issue.issues[0]?.message ?? issue.message}; got ${preview(input)}`;
    case 'invalid_format':
    case 'invalid_union':
      return `${issue.message}; got ${preview(input)}`;
    default:
      return issue.message;
  }
}

function unknownKeyMessage(schema: z.core.$ZodType, parentPath: ReadonlyArray<PropertyKey>, key: string): string {
  const siblings = keysAt(schema, parentPath);
  const typo = closestMatch(key, siblings);
  if (typo) return `is not a known key: did you mean "${typo}"?`;
  const elsewhere = keyPaths(schema).find((path) => path.split(/\.|\[\]\./).pop()?.toLowerCase() === key.toLowerCase());
  if (elsewhere) return `is not a known key here: "${key}" belongs at ${elsewhere}`;
  return `is not a known key; known keys here: ${siblings.join(', ')}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** A short rendering of a bad value, so a long rationale or a whole object does not flood the table. */
export function preview(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Problems in the order they appear in the file; those without a position go last. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const line = (problem: ConfigProblem) => problem.line ?? Number.MAX_SAFE_INTEGER;
  return [...problems].sort((a, b) => line(a) - line(b) || (a.column ?? 0) - (b.column ?? 0));
}

/** The `path  line:col  problem` table shown under the error message (and in the failed check run). */
export function formatProblemTable(problems: readonly ConfigProblem[]): string {
  const rows = problems.map((problem) => [
    problem.path,
    problem.line === undefined ? '' : `${problem.line}:${problem.column ?? 1}`,
    problem.message,
  ]);
  const header = ['path', 'line', 'problem'];
  const widths = [0, 1].map((column) => Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)));
  return [header, ...rows]
    .map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '))
    .join('\n');
}
