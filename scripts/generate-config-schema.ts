/**
 * Writes docs/stackguard.schema.json from the zod schema in src/config.
 * Run: node --import tsx scripts/generate-config-schema.ts
 * test/config/json-schema.test.ts fails when the committed file differs from what this writes.
 */

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from '../src/config/json-schema.js';

const target = fileURLToPath(new URL('../docs/stackguard.schema.json', import.meta.url));
await writeFile(target, configJsonSchemaText());
console.log(`wrote ${target}`);
