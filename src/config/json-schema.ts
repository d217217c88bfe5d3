/**
 * The JSON Schema of `.github/stackguard.yml`, generated from the zod schema (docs/stackguard.schema.json).
 * It describes the input (before defaults) for editors; some rules only stackguard checks (accepted-risk
 * rationales, "at least one matcher", role accounts), so a file the JSON Schema accepts can still be refused.
 */

import { z } from 'zod';
import { configSchema } from './schema.js';

export const CONFIG_SCHEMA_TITLE = 'stackguard configuration (.github/stackguard.yml)';

export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-07' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: CONFIG_SCHEMA_TITLE, ...rest };
}

/** The file's exact text, so the generator and the staleness test agree byte for byte. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
