/**
 * Generates rules/downtime/cloudformation-reference.yml from the CloudFormation reference facts in
 * ../shared/data/cfn-update-behaviors.tsv (properties whose update is "Some interruptions" or
 * "Updates are not supported"). Property-type rows are resolved to dotted paths from the resource's
 * Properties with the service spec. Rows that cannot be resolved, or that the spec now marks
 * create-only (the spec's replacement always wins, so a rule would never apply), are listed on stdout
 * and in the generated file's header, never dropped silently.
 *
 *   node --import tsx scripts/import-cfn-update-behaviours.ts [--input file.tsv] [--output file.yml]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Document, isCollection, isScalar, visit } from 'yaml';
import { resolvePropertyTypePaths, topLevelIsList, topLevelReplacement, type ResolvedPath } from '../src/rules/behaviours/spec-paths.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface TsvRow {
  kind: string;
  type: string;
  property: string;
  behaviour: 'Some interruptions' | 'Updates are not supported';
}

export interface ReferenceImport {
  header: string[];
  rules: Record<string, unknown>[];
  unresolved: string[];
  superseded: string[];
}

export function parseTsv(text: string): { header: string[]; rows: TsvRow[] } {
  const header: string[] = [];
  const rows: TsvRow[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) header.push(line.replace(/^#\s?/, '').trimEnd());
    else if (line.trim()) {
      const [kind, type, property, behaviour] = line.split('\t').map((cell) => cell.trim());
      if (!kind || !type || !property || (behaviour !== 'Some interruptions' && behaviour !== 'Updates are not supported')) {
        throw new Error(`Unexpected TSV row: ${JSON.stringify(line)}`);
      }
      rows.push({ kind, type, property, behaviour });
    }
  }
  return { header, rows };
}

function kebab(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A minimal Properties object with `leaf` at the path, wrapped in lists where the spec has lists. */
function propertiesAt(resolved: ResolvedPath, leaf: string): Record<string, unknown> {
  const segments = resolved.path.split('.');
  let value: unknown = resolved.isList[segments.length - 1] ? [leaf] : leaf;
  for (let i = segments.length - 1; i >= 0; i--) {
    const wrapped = { [segments[i]!]: value };
    value = i > 0 && resolved.isList[i - 1] ? [wrapped] : wrapped;
  }
  return value as Record<string, unknown>;
}

function reasonFor(row: TsvRow, subject: string): string {
  return row.behaviour === 'Some interruptions'
    ? `CloudFormation documents "Some interruptions" for updating ${subject}: the resource may restart or be briefly unavailable while the change is applied.`
    : `CloudFormation cannot update ${subject} in place ("Updates are not supported"): a stack update that changes it fails and rolls back.`;
}

function resolveRow(row: TsvRow): ResolvedPath[] {
  const [resourceType, subType] = row.type.split(' ');
  if (!subType) {
    return topLevelReplacement(resourceType!, row.property) === undefined
      ? []
      : [{ path: row.property, isList: [topLevelIsList(resourceType!, row.property)] }];
  }
  return resolvePropertyTypePaths(resourceType!, subType, row.property);
}

export function buildReferenceRules(rows: readonly TsvRow[]): Omit<ReferenceImport, 'header'> {
  const rules: Record<string, unknown>[] = [];
  const unresolved: string[] = [];
  const superseded: string[] = [];
  const ids = new Set<string>();
  for (const row of rows) {
    const label = `${row.kind}\t${row.type}\t${row.property}\t${row.behaviour}`;
    const [resourceType, subType] = row.type.split(' ') as [string, string | undefined];
    const all = resolveRow(row);
    if (all.length === 0) {
      unresolved.push(label);
      continue;
    }
    const paths = all.filter((p) => topLevelReplacement(resourceType, p.path.split('.')[0]!) !== 'yes');
    if (paths.length === 0) {
      superseded.push(label);
      continue;
    }
    const id = `cfn-${kebab(resourceType.replace(/^AWS::/, ''))}-${kebab([subType, row.property].filter(Boolean).join('-'))}`;
    if (ids.has(id)) throw new Error(`Two rows give the rule id ${id}`);
    ids.add(id);
    const first = paths[0]!;
    const refused = row.behaviour === 'Updates are not supported';
    rules.push({
      id,
      resourceType,
      properties: paths.map((p) => p.path),
      downtime: 'interruption',
      ...(refused ? { failsToDeploy: true } : {}),
      reason: reasonFor(row, subType ? `${row.property} in ${subType}` : row.property),
      examples: [
        {
          name: `changing ${first.path}`,
          base: { Properties: propertiesAt(first, 'stackguard-example-old') },
          head: { Properties: propertiesAt(first, 'stackguard-example-new') },
          expect: { downtime: 'interruption', ...(refused ? { failsToDeploy: true } : {}) },
        },
      ],
    });
  }
  return { rules, unresolved, superseded };
}

function attribution(header: readonly string[]): string {
  const text = header.join(' ');
  const commit = /at commit (\w+) \(([^)]+)\)/.exec(text);
  const license = /licensed (CC BY-SA \d+(?:\.\d+)*)/.exec(text);
  if (!commit || !license) throw new Error('The TSV header no longer names its commit, date and license');
  return `AWS CloudFormation User Guide, resource and property reference pages ("Update requires" lines), awsdocs/aws-cloudformation-user-guide at commit ${commit[1]} (${commit[2]}), ${license[1]}`;
}

export function renderReferenceFile(imported: ReferenceImport): string {
  const doc = new Document({ source: attribution(imported.header), tier: 'reference', behaviours: imported.rules });
  // Keep each example and property list on one line: the file is long enough as it is.
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (isCollection(pair.value) && (key === 'base' || key === 'head' || key === 'expect' || key === 'properties')) pair.value.flow = true;
    },
  });
  const list = (title: string, rows: readonly string[]) => [title, ...(rows.length ? rows.map((r) => `  ${r.replaceAll('\t', ' | ')}`) : ['  (none)'])];
  doc.commentBefore = [
    'GENERATED by scripts/import-cfn-update-behaviours.ts: do not edit; change a service file instead',
    '(a service rule beats a reference rule on the same path).',
    '',
    ...imported.header,
    '',
    ...list('Rows not imported because the service spec has no such type, property type or property:', imported.unresolved),
    ...list('Rows not imported because the spec now marks the property create-only (replacement wins):', imported.superseded),
  ]
    .map((line) => (line ? ` ${line}` : ''))
    .join('\n');
  return doc.toString({ lineWidth: 0 });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: path.resolve(repoRoot, '../shared/data/cfn-update-behaviors.tsv') },
      output: { type: 'string', default: path.join(repoRoot, 'rules/downtime/cloudformation-reference.yml') },
    },
  });
  const { header, rows } = parseTsv(readFileSync(values.input, 'utf8'));
  const imported = { header, ...buildReferenceRules(rows) };
  writeFileSync(values.output, renderReferenceFile(imported));
  console.log(`${rows.length} rows: ${imported.rules.length} rules written to ${path.relative(repoRoot, values.output)}`);
  for (const [title, list] of [['unresolved', imported.unresolved], ['superseded by the spec (create-only)', imported.superseded]] as const) {
    console.log(`${list.length} ${title}${list.length ? ':' : ''}`);
    for (const row of list) console.log(`  ${row.replaceAll('\t', ' | ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
