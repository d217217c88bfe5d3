/**
 * Every rule's examples, one case each: the rule must judge its passing examples pass and its failing examples fail
 * (and its unknown examples unknown), on the real engine with the real rule files.
 */

import { describe, expect, it } from 'vitest';
import { loadControlRules } from '../../src/rules/controls/load.js';
import { runExample } from './run-example.js';

const rules = loadControlRules();

describe('control rule examples', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      for (const example of rule.examples) {
        it(`${rule.id} expects ${example.expect}: ${example.name}`, () => {
          const evaluation = runExample(rule, example);
          expect({ status: evaluation.status, message: evaluation.message }).toMatchObject({ status: example.expect });
        });
      }
    });
  }
});
