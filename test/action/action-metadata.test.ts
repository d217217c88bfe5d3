/**
 * action.yml against GitHub's own action metadata schema: @actions/workflow-parser is the parser of GitHub's
 * Actions language services, and `parseAction` validates a file against the schema it ships
 * (action-v1.0.json). Plus what the schema cannot know: every input the entry point reads is passed to it.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACTION = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

function errors(content: string): string[] {
  const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

describe('action.yml', () => {
  it('is valid action metadata by GitHub\'s schema', () => {
    expect(errors(ACTION)).toEqual([]);
  });

  it('the schema check catches a broken file (so the test above can fail)', () => {
    expect(errors(ACTION.replace('  using: composite', '  using: composit'))).not.toEqual([]);
    expect(errors(ACTION.replace('runs:', 'runz:'))).not.toEqual([]);
  });

  it('is a composite action that passes each input it declares to the entry point or the upload step', () => {
    const action = parse(ACTION) as { inputs: Record<string, unknown>; runs: { using: string; steps: Array<{ env?: Record<string, string>; with?: Record<string, string>; run?: string }> } };
    expect(action.runs.using).toBe('composite');
    const used = JSON.stringify(action.runs.steps);
    for (const input of Object.keys(action.inputs)) expect(used).toContain(`inputs.${input}`);
    expect(action.runs.steps.some((step) => step.run?.includes('dist/action/main.js'))).toBe(true);
  });
});
