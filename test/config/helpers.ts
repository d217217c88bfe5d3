/** Shared by the config tests: parse YAML text and get back either the config or the problems it has. */

import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import type { ConfigProblem } from '../../src/config/problems.js';

export const SOURCE = '.github/stackguard.yml';

/** The seed's own accepted-risk rationale, which must always pass. */
export const SEED_RATIONALE =
  'Redis is in private subnets with VPC CIDR-locked security groups; in-transit encryption is accepted risk ' +
  'until client libraries support rediss:// in Q3';

export function problemsOf(text: string): ConfigProblem[] {
  try {
    parseConfig(text, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be invalid, but it parsed');
}

/** The problem at one path; fails the test when there is none or more than one. */
export function problemAt(text: string, path: string): ConfigProblem {
  const problems = problemsOf(text).filter((problem) => problem.path === path);
  expect(problems, `problems at ${path}`).toHaveLength(1);
  return problems[0] as ConfigProblem;
}
