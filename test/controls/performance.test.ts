/**
 * evaluateApp runs on both sides of a 70-stack, 10,000-resource app in every review. Indexes are built once per
 * template, so this stays linear; a quadratic scan across resources would take minutes here, not seconds.
 */

import { describe, expect, it } from 'vitest';
import { compareControls } from '../../src/core/controls/compare.js';
import { evaluateApp } from '../../src/core/controls/evaluate.js';
import { realRules } from './helpers.js';
import { syntheticApp } from './synthetic-app.js';

describe('performance', () => {
  it('evaluates and compares both sides of a 10,000-resource app in seconds', () => {
    const app = syntheticApp(70, 143);
    expect(app.reduce((n, s) => n + Object.keys(s.template.Resources).length, 0)).toBeGreaterThanOrEqual(10_000);
    const started = performance.now();
    const base = evaluateApp(realRules(), app);
    const head = evaluateApp(realRules(), app);
    const { deltas } = compareControls(base, head);
    const elapsed = performance.now() - started;
    expect(deltas).toEqual([]);
    expect(base.length).toBeGreaterThan(10_000);
    // Generous for a loaded CI machine: about 1 s per side on a laptop.
    expect(elapsed).toBeLessThan(15_000);
  });
});
