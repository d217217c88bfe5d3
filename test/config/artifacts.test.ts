import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaText } from '../../src/config/json-schema.js';
import { keyPaths } from '../../src/config/known-keys.js';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/config/load.js';
import { COMPENSATING_CONTROL_STEMS, COMPENSATING_CONTROL_WORDS } from '../../src/config/rationale.js';
import { configSchema } from '../../src/config/schema.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface JsonSchemaNode {
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
}

describe('generated and documented config artifacts', () => {
  it('docs/stackguard.schema.json is up to date (regenerate: node --import tsx scripts/generate-config-schema.ts)', () => {
    expect(read('docs/stackguard.schema.json')).toBe(configJsonSchemaText());
  });

  it('the JSON Schema describes every key, refuses unknown keys and carries the defaults', () => {
    const undocumented: string[] = [];
    const visit = (node: JsonSchemaNode, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const childPath = path ? `${path}.${key}` : key;
        if (!child.description) undocumented.push(childPath);
        visit(child, childPath);
      }
      if (node.items) visit(node.items, `${path}[]`);
    };
    const schema = configJsonSchema();
    visit(schema as JsonSchemaNode, '');
    expect(undocumented).toEqual([]);
    expect(schema).toMatchObject({
      additionalProperties: false,
      properties: {
        baseline: { default: 'base-branch' },
        policy: { additionalProperties: false, properties: { severityThreshold: { default: 'HIGH' } } },
        synth: { properties: { timeout: { default: '10m' } } },
        acceptedRisks: { items: { required: ['rationale', 'owner', 'expires'] } },
      },
    });
  });

  it('docs/configuration.md documents every key of the schema', () => {
    const doc = read('docs/configuration.md');
    const paths = keyPaths(configSchema);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((path) => !doc.includes(`\`${path}\``))).toEqual([]);
  });

  it('the invalid-file example in docs/configuration.md shows the output stackguard really gives', () => {
    const section = read('docs/configuration.md').split('## When the file is invalid')[1] ?? '';
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    const shown = /```text\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toBeDefined();
    let error: unknown;
    try {
      parseConfig(yaml ?? '', '.github/stackguard.yml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, details } = error as ConfigError;
    expect(shown).toBe(`${message}\n${details}\n`);
  });

  it('docs/configuration.md lists every word and stem the rationale rules look for', () => {
    const doc = read('docs/configuration.md');
    const terms = [...COMPENSATING_CONTROL_WORDS, ...COMPENSATING_CONTROL_STEMS];
    expect(terms.filter((term) => !doc.includes(`\`${term}\``))).toEqual([]);
  });

  it('examples/config/stackguard.yml, the full commented example, is valid and sets every section', async () => {
    const config = await loadConfigFile(fileURLToPath(new URL('../../examples/config/stackguard.yml', import.meta.url)));
    expect(config.apps?.length).toBeGreaterThan(0);
    expect(config.allow.length).toBeGreaterThan(0);
    expect(config.acceptedRisks.length).toBeGreaterThan(0);
    expect(config.acknowledge.teams.length).toBeGreaterThan(0);
    expect(Object.keys(config.aws.roles).length).toBeGreaterThan(0);
    expect(config.aws.regions?.length).toBeGreaterThan(0);
    const example = read('examples/config/stackguard.yml');
    const topLevelKeys = keyPaths(configSchema).filter((path) => !/[.[]/.test(path));
    expect(topLevelKeys.filter((key) => !new RegExp(`^${key}:`, 'm').test(example))).toEqual([]);
  });
});
