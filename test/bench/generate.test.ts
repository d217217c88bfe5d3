import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePair, generatePair, type Sizes } from '../../bench/generate.js';
import { buildBase } from '../../bench/generator/build-base.js';
import type { Json } from '../../bench/generator/intrinsics.js';
import { SEED_SCALE } from '../../bench/generator/layout.js';
import { countedResources } from '../../bench/generator/model.js';
import { referencedIds } from '../../bench/generator/mutations/references.js';
import { loadAssembly } from '../../src/sources/load-assembly.js';

/** One environment of every stack kind, a few constructs each: 15 stacks, about 300 resources. */
const TINY: Sizes = {
  environments: 1,
  buckets: 3,
  queues: 3,
  backendServices: 2,
  geometryServices: 1,
  converterServices: 1,
  workers: 2,
  apiFunctions: 4,
  jobs: 2,
  serviceUsers: 2,
};

interface Manifest {
  version: string;
  artifacts: Record<
    string,
    { type: string; properties?: { templateFile?: string }; metadata?: Record<string, Array<{ type: string; data: unknown }>> }
  >;
}
interface Template {
  Resources: Record<string, { Type: string; Properties?: Json; DependsOn?: string[]; Metadata?: Record<string, unknown> }>;
  Parameters?: object;
}

async function readAssembly(dir: string) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks = [];
  for (const [name, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const template = JSON.parse(await readFile(path.join(dir, artifact.properties?.templateFile ?? ''), 'utf8')) as Template;
    stacks.push({ name, artifact, template });
  }
  return { manifest, stacks };
}

describe('the benchmark generator', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'stackguard-bench-test-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('is deterministic: the same seed gives the same assemblies, another seed other ones', () => {
    const first = generatePair({ seed: 'a', sizes: TINY });
    const again = generatePair({ seed: 'a', sizes: TINY });
    const other = generatePair({ seed: 'b', sizes: TINY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(JSON.stringify(other.head)).not.toBe(JSON.stringify(first.head));
  });

  it('writes two cloud assemblies, every resource with its logical-id metadata and construct path', async () => {
    const { stamp } = await ensurePair(outDir, { sizes: TINY });
    for (const side of ['base', 'head']) {
      const { manifest, stacks } = await readAssembly(path.join(outDir, side));
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(stacks).toHaveLength(stamp.stacks);
      for (const { name, artifact, template } of stacks) {
        const entries = Object.values(artifact.metadata ?? {}).flat();
        const logicalIds = new Set(entries.filter((entry) => entry.type === 'aws:cdk:logicalId').map((entry) => entry.data));
        const metadataResources = Object.values(template.Resources).filter((r) => r.Type === 'AWS::CDK::Metadata');
        expect(metadataResources, name).toHaveLength(1);
        for (const [id, resource] of Object.entries(template.Resources)) {
          expect(logicalIds.has(id), `${side}/${name}/${id} has a logical-id entry`).toBe(true);
          expect(resource.Metadata?.['aws:cdk:path'], `${side}/${name}/${id}`).toMatch(new RegExp(`^${name}/`));
        }
      }
    }
  });

  it('leaves no reference dangling on either side, renames and deletions included', async () => {
    await ensurePair(outDir, { sizes: TINY });
    for (const side of ['base', 'head']) {
      for (const { name, template } of (await readAssembly(path.join(outDir, side))).stacks) {
        const known = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {})]);
        const dangling = Object.entries(template.Resources).flatMap(([id, resource]) =>
          [...referencedIds(resource.Properties), ...(resource.DependsOn ?? [])]
            .filter((target) => !target.startsWith('AWS::') && !known.has(target))
            .map((target) => `${side}/${name}/${id} → ${target}`),
        );
        expect(dangling).toEqual([]);
      }
    }
  });

  it('reuses the pair when the generator and options are unchanged, and regenerates when asked', async () => {
    const first = await ensurePair(outDir, { sizes: TINY });
    const second = await ensurePair(outDir, { sizes: TINY });
    const forced = await ensurePair(outDir, { sizes: TINY }, true);
    const otherSeed = await ensurePair(outDir, { sizes: TINY, seed: 'another' });
    expect(second).toEqual({ stamp: first.stamp, reused: true });
    expect(forced.reused).toBe(false);
    expect(otherSeed.reused).toBe(false);
  });

  it('changes about a tenth of the resources, with updates, replacements, deletions and additions', async () => {
    const { stamp } = await ensurePair(outDir, { sizes: TINY });
    expect(stamp.changedResources / stamp.baseResources).toBeGreaterThan(0.07);
    expect(stamp.changedResources / stamp.baseResources).toBeLessThan(0.16);
    const impacts = new Set<string>();
    const head = new Map((await readAssembly(path.join(outDir, 'head'))).stacks.map((s) => [s.name, s.template]));
    for (const { name, template } of (await readAssembly(path.join(outDir, 'base'))).stacks) {
      const diff = fullDiff(template, head.get(name) ?? {});
      diff.resources.forEachDifference((_id, change) => impacts.add(change.changeImpact ?? ''));
    }
    expect([...impacts]).toEqual(expect.arrayContaining(['WILL_UPDATE', 'WILL_REPLACE', 'WILL_DESTROY', 'WILL_CREATE']));
  });

  it('writes assemblies stackguard reads, stack for stack and resource for resource', async () => {
    const { stamp } = await ensurePair(outDir, { sizes: TINY });
    const stacks = await loadAssembly(path.join(outDir, 'head'), () => null);
    expect(stacks).toHaveLength(stamp.stacks);
    const resources = stacks.reduce((sum, stack) => sum + Object.keys(stack.template.Resources ?? {}).length - 1, 0);
    expect(resources).toBe(stamp.headResources);
    expect(Object.values(stacks[0]?.origins ?? {}).some((origin) => origin.constructPath !== null)).toBe(true);
  });

  it('at seed scale builds 70 stacks, at least 10,000 resources, none over CloudFormation’s 500 per stack', () => {
    const stacks = buildBase('stackguard-bench-1', SEED_SCALE);
    const sizes = stacks.map((stack) => countedResources(stack.template).length);
    expect(stacks).toHaveLength(70);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...sizes)).toBeLessThan(500);
  });
});
