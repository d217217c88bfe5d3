import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCompiledRules, rulesFingerprint, writeCompiledRules } from '../../src/pipeline/compiled-rules.js';
import { loadRulesFromYaml } from '../../src/pipeline/rule-sets.js';

describe('the compiled rules cache', () => {
  it('round-trips the rules loaded from YAML exactly', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sg-rules-')), 'rules.compiled.json');
    const rules = loadRulesFromYaml();
    writeCompiledRules(rules, rulesFingerprint(), file);
    expect(readCompiledRules(rulesFingerprint(), file)).toEqual(rules);
  });

  it('is ignored once any rule file changes, so an edited rule is never shadowed', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sg-rules-root-'));
    mkdirSync(path.join(root, 'controls'));
    writeFileSync(path.join(root, 'controls', 'a.yaml'), 'id: a\n');
    const before = rulesFingerprint(root);
    const file = path.join(root, 'compiled.json');
    writeCompiledRules({ behaviours: [], controls: [] }, before, file);
    writeFileSync(path.join(root, 'controls', 'a.yaml'), 'id: b\n');
    expect(rulesFingerprint(root)).not.toBe(before);
    expect(readCompiledRules(rulesFingerprint(root), file)).toBeUndefined();
  });

  it('falls back to YAML when the cache is missing or damaged', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-rules-'));
    expect(readCompiledRules('x', path.join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(path.join(dir, 'bad.json'), '{ not json');
    expect(readCompiledRules('x', path.join(dir, 'bad.json'))).toBeUndefined();
  });
});
