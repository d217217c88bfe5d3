/**
 * The committed example assemblies are what `npm run demo` reviews on any machine: they must not carry this
 * machine's absolute paths, and their creation stacks must lead to the example's own source lines.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSide } from '../../src/sources/load-side.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each(['base', 'head'])('examples/shop/%s.cdk.out', (version) => {
  const dir = path.join(ROOT, 'examples', 'shop', `${version}.cdk.out`);

  it('holds no absolute path of the machine that generated it', () => {
    for (const file of jsonFiles(dir)) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/"\/(work|home|tmp|Users|root)\//);
    }
  });

  it('points resources at lines of the example app', async () => {
    const side = await loadSide(dir, { appDir: ROOT });
    const data = side.stacks.find((s) => s.stackName === 'ShopData')!;
    const queue = Object.entries(data.origins).find(([id]) => id.startsWith('OrdersQueue'))![1];
    expect(queue.constructPath).toBe('ShopData/OrdersQueue/Resource');
    expect(queue.source).toEqual({ file: `examples/shop/${version}/lib/data-stack.ts`, line: expect.any(Number) });
  });
});
