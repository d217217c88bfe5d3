import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSide, type LoadedSide, type LoadedStack } from '../../src/sources/load-side.js';
import { synthesizeApp } from '../../src/sources/synth.js';
import { removeTree } from '../../src/sources/remove-tree.js';
import { FIXTURES } from './helpers.js';

// One real synth of a tiny aws-cdk-lib app, shared by every test here: a stack with a bucket in the `Prod`
// Stage, with a nested stack whose queue has the same logical id as the bucket, and a top-level stack with an
// explicit stack name.
const APP_DIR = path.join(FIXTURES, 'apps', 'staged-app');
let assemblyDir: string;
let side: LoadedSide;

beforeAll(async () => {
  ({ assemblyDir } = await synthesizeApp({ appDir: APP_DIR, timeoutMs: 50_000 }));
  side = await loadSide(assemblyDir, { appDir: APP_DIR });
});

afterAll(async () => {
  if (assemblyDir) await removeTree(assemblyDir);
});

function stack(name: string): LoadedStack {
  const found = side.stacks.find((s) => s.stackName === name);
  expect(found, `stack ${name} in ${side.stacks.map((s) => s.stackName).join(', ')}`).toBeDefined();
  return found as LoadedStack;
}

describe('loadSide on a synthesized cloud assembly', () => {
  it('reads the stacks of the Stage and of the app, in manifest order', () => {
    expect(side.kind).toBe('assembly');
    expect(side.path).toBe(assemblyDir);
    expect(side.stacks.map((s) => [s.stackName, s.displayName])).toEqual([
      ['Prod-Data', 'Prod/Data'],
      ['edge-stack', 'edge-stack'],
    ]);
  });

  it('takes the environment from the artifact, null when the stack is environment-agnostic', () => {
    expect(stack('Prod-Data').environment).toEqual({ account: '111111111111', region: 'eu-west-1' });
    expect(stack('edge-stack').environment).toBeNull();
  });

  it('traces each resource to its construct path and to the line of user code that created it', () => {
    const data = stack('Prod-Data');
    expect(data.template.Resources?.OrdersA9B65338?.Type).toBe('AWS::S3::Bucket');
    expect(data.origins.OrdersA9B65338).toEqual({
      constructPath: 'Prod/Data/Orders/Resource',
      source: { file: 'lib/data-stack.ts', line: 9 },
    });
    expect(stack('edge-stack').origins.Alerts91F83244).toEqual({
      constructPath: 'Edge/Alerts/Resource',
      source: { file: 'lib/edge-stack.ts', line: 8 },
    });
  });

  it('loads the nested stack from its asset path, with its own origins despite the shared logical id', () => {
    const data = stack('Prod-Data');
    expect(data.nested).toHaveLength(1);
    const [nested] = data.nested;
    expect(nested?.logicalId).toBe('SearchNestedStackSearchNestedStackResource4F7AF5B3');
    expect(nested?.stack.stackName).toBe('Prod-Data/SearchNestedStackSearchNestedStackResource4F7AF5B3');
    expect(nested?.stack.displayName).toBe('Prod/Data/Search');
    expect(nested?.stack.environment).toEqual(data.environment);
    expect(nested?.stack.template.Resources?.OrdersA9B65338?.Type).toBe('AWS::SQS::Queue');
    expect(nested?.stack.origins.OrdersA9B65338).toEqual({
      constructPath: 'Prod/Data/Search/Orders/Resource',
      source: { file: 'lib/data-stack.ts', line: 18 },
    });
  });

  it('reports files relative to the current directory when no app folder is given', async () => {
    // The assembly sits in a temporary folder without a cdk.json next to it, so the current directory (the
    // repository root, where vitest runs) is taken as the app folder.
    const fromCwd = await loadSide(assemblyDir);
    const bucket = fromCwd.stacks[0]?.origins.OrdersA9B65338;
    expect(bucket?.source).toEqual({
      file: path.relative(process.cwd(), path.join(APP_DIR, 'lib/data-stack.ts')).split(path.sep).join('/'),
      line: 9,
    });
  });
});
