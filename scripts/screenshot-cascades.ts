/**
 * Regenerates docs/images/cascades.png: the Mermaid cascades graph of the demo's PR comment, rendered in Chromium
 * exactly as test/render/cascades.test.ts renders it. Run after `npm run build`: `npm run docs:screenshot`.
 */

import { mkdirSync } from 'node:fs';
import { renderMarkdown } from '../src/core/render/markdown.js';
import { reviewSides } from '../src/pipeline/review-sides.js';
import { openSide } from '../src/pipeline/open-side.js';
import { loadConfigFile } from '../src/config/load.js';
import { mermaidBlocks, openMermaidPage } from '../test/render/mermaid-browser.js';

const OUT = 'docs/images/cascades.png';

const config = await loadConfigFile('examples/shop/stackguard.yml');
const base = await openSide('examples/shop/base.cdk.out', 'base', { synthTimeoutMs: 60_000 });
const head = await openSide('examples/shop/head.cdk.out', 'head', { synthTimeoutMs: 60_000 });
const report = reviewSides({ base, head, baseline: { kind: base.kind, description: base.description }, config, today: new Date() });
const [graph] = mermaidBlocks(renderMarkdown(report));
if (!graph) throw new Error('The demo comment has no cascades graph.');
mkdirSync('docs/images', { recursive: true });
const page = await openMermaidPage();
try {
  await page.screenshot(graph, OUT);
} finally {
  await page.close();
}
console.log(`wrote ${OUT}`);
