/**
 * Writes docs/rules.md, the SOC 2 control rules catalogue, from rules/controls/ through renderCatalogue (the same
 * text `stackguard rules --format markdown` prints). test/controls/rules-doc.test.ts fails when the committed file
 * is stale. Run: node --import tsx scripts/generate-rules-doc.ts
 */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCatalogue } from '../src/core/controls/catalogue.js';
import { loadControlRules } from '../src/rules/controls/load.js';

export const RULES_DOC_PATH = fileURLToPath(new URL('../docs/rules.md', import.meta.url));

export function rulesDoc(): string {
  return renderCatalogue(loadControlRules(), 'markdown');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(RULES_DOC_PATH, rulesDoc());
  console.log(`wrote ${RULES_DOC_PATH}`);
}
