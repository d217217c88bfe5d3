import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evidenceJsonSchema } from '../../scripts/generate-evidence-schema.js';
import { evidenceReportSchema } from '../../src/evidence/schema.js';
import { keyPaths } from '../../src/config/known-keys.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the evidence JSON contract', () => {
  it('docs/evidence-schema.json is up to date (regenerate: node --import tsx scripts/generate-evidence-schema.ts)', () => {
    expect(read('docs/evidence-schema.json')).toBe(evidenceJsonSchema());
  });

  it('docs/evidence.md names every field of the JSON', () => {
    const doc = read('docs/evidence.md');
    const paths = keyPaths(evidenceReportSchema);
    expect(paths.length).toBeGreaterThan(70);
    expect(paths.filter((path) => !doc.includes(`\`${path}\``))).toEqual([]);
  });
});
