/**
 * Writes docs/report-schema.json, the JSON Schema of `stackguard review --format json`, from the zod schema in
 * src/core/report.ts. test/core/report-schema.test.ts fails when the committed file is stale.
 * Run: node --import tsx scripts/generate-report-schema.ts
 */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { reviewReportSchema } from '../src/core/report.js';

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../docs/report-schema.json', import.meta.url));

export function reportJsonSchema(): string {
  const schema = z.toJSONSchema(reviewReportSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'stackguard review report (schemaVersion 1)' }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(REPORT_SCHEMA_PATH, reportJsonSchema());
  console.log(`wrote ${REPORT_SCHEMA_PATH}`);
}
