/**
 * Example configs that do not rot under their reader: every config in examples/ and every ```yaml config block in
 * docs/*.md validates, and its accepted risks hold for at least another 90 days (a reader copying one must not get
 * an expired acceptance; the margin makes this test ask for new dates a quarter before readers would notice).
 * A block marked `<!-- stackguard:invalid-example … -->` is meant to be refused, and must be.
 * And the commented-out entries of examples/shop/stackguard.yml do what their comments promise.
 */

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import type { ReviewReport } from '../../src/core/report.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from '../cli/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MARGIN_DAYS = 90;
const CONFIG_KEYS = new Set(Object.keys(configSchema.shape));

interface Example {
  where: string;
  text: string;
  invalid: boolean;
}

function exampleConfigs(): Example[] {
  const files = ['examples/config/stackguard.yml', 'examples/shop/stackguard.yml'].map((f) => ({ where: f, text: readFileSync(path.join(ROOT, f), 'utf8'), invalid: false }));
  const docs = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
  const blocks = docs.flatMap((file) => {
    const text = readFileSync(path.join(ROOT, 'docs', file), 'utf8');
    return [...text.matchAll(/(<!-- stackguard:invalid-example[^>]*-->\n)?```ya?ml\n([\s\S]*?)```/g)].map((m) => ({
      where: `docs/${file}:${text.slice(0, m.index).split('\n').length}`,
      text: m[2]!,
      invalid: m[1] !== undefined,
    }));
  });
  // A block is a stackguard config when its top-level keys are config keys (docs also show rule files and workflows).
  const isConfig = (text: string) => {
    const keys = [...text.matchAll(/^([A-Za-z][\w-]*):/gm)].map((m) => m[1]!);
    return keys.length > 0 && keys.every((k) => CONFIG_KEYS.has(k));
  };
  return [...files, ...blocks.filter((b) => isConfig(b.text))];
}

describe('example configs in examples/ and docs/', () => {
  const examples = exampleConfigs();
  const horizon = new Date(Date.now() + MARGIN_DAYS * 86_400_000).toISOString().slice(0, 10);

  it('finds the examples it is meant to check', () => {
    expect(examples.filter((e) => e.where.startsWith('docs/configuration.md')).length).toBeGreaterThanOrEqual(10);
    expect(examples.filter((e) => e.invalid)).toHaveLength(1);
  });

  it('each validates, and each accepted risk is current for at least another 90 days', () => {
    for (const example of examples.filter((e) => !e.invalid)) {
      const config = parseConfig(example.text, example.where);
      for (const risk of config.acceptedRisks) expect(risk.expires >= horizon, `${example.where}: expires ${risk.expires}, before ${horizon}`).toBe(true);
    }
  });

  it('the example marked invalid is refused', () => {
    for (const example of examples.filter((e) => e.invalid)) expect(() => parseConfig(example.text, example.where)).toThrow(ConfigError);
  });
});

/** What the comments in examples/shop/stackguard.yml tell a reader to do: uncomment the entries below one of them. */
function uncommentAfter(text: string, marker: string, emptyList?: string): string {
  const lines = text.split('\n');
  let i = lines.findIndex((l) => l.includes(marker));
  expect(i, marker).toBeGreaterThanOrEqual(0);
  while (lines[i + 1]?.trimStart().startsWith('#') && !/^\s*# - |^\s*#   /.test(lines[i + 1]!)) i++;
  for (let j = i + 1; j < lines.length && /^\s*# ( |-)/.test(lines[j]!); j++) lines[j] = lines[j]!.replace('# ', '');
  const out = lines.join('\n');
  return emptyList ? out.replace(`${emptyList}: []`, `${emptyList}:`) : out;
}

async function reviewWith(configText: string): Promise<ReviewReport> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'stackguard-shop-config-')), 'stackguard.yml');
  writeFileSync(file, configText);
  const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', file, '--format', 'json');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as ReviewReport;
}

describe('examples/shop/stackguard.yml, uncommented as its comments suggest', () => {
  const shop = readFileSync(path.join(ROOT, 'examples/shop/stackguard.yml'), 'utf8');
  const change = (report: ReviewReport, id: string) => report.stacks.flatMap((s) => s.changes).find((c) => c.logicalId.startsWith(id))!;

  it('the accepted risk unblocks the bastion, and shows the acceptance', async () => {
    const before = await reviewWith(shop);
    expect(change(before, 'BastionSecurityGroup').blocking).toBe(true);
    const after = await reviewWith(uncommentAfter(shop, 'to accept the bastion', 'acceptedRisks'));
    const bastion = change(after, 'BastionSecurityGroup');
    expect(bastion.blocking).toBe(false);
    expect(bastion.controls.filter((c) => c.severity === 'HIGH').every((c) => c.accepted?.owner === 'platform-team')).toBe(true);
  });

  it('the allow entry lets the orders queue be replaced, with its reason', async () => {
    const after = await reviewWith(uncommentAfter(shop, 'to let the orders queue be replaced'));
    const queue = change(after, 'OrdersQueue');
    expect(queue.blocking).toBe(false);
    expect(queue.warnings.join(' ')).toContain('The queue is drained and the producers are switched to shop-orders-v2');
  });
});
