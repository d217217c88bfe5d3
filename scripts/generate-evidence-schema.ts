/**
 * Writes docs/evidence-schema.json, the JSON Schema of `stackguard evidence --format json`, from the zod schema in
 * src/evidence/schema.ts. test/evidence/schema.test.ts fails when the committed file is stale.
 * Run: node --import tsx scripts/generate-evidence-schema.ts
 */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { evidenceReportSchema } from '../src/evidence/schema.js';

export const EVIDENCE_SCHEMA_PATH = fileURLToPath(new URL('../docs/evidence-schema.json', import.meta.url));

export function evidenceJsonSchema(): string {
  const schema = z.toJSONSchema(evidenceReportSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'stackguard evidence report (schemaVersion 1)' }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(EVIDENCE_SCHEMA_PATH, evidenceJsonSchema());
  console.log(`wrote ${EVIDENCE_SCHEMA_PATH}`);
}
