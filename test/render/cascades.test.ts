import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cascadeGraph } from '../../src/core/render/cascades.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from '../cli/run-cli.js';
import { reviewPair, resource, template } from '../core/builders.js';
import { mermaidBlocks, openMermaidPage, type MermaidPage } from './mermaid-browser.js';

// Starting Chromium on a loaded 2-core CI machine takes seconds; nothing here waits for anything else.
const BROWSER_TIMEOUT = 120_000;

describe('the cascades graph in the PR comment', () => {
  let browser: MermaidPage;
  beforeAll(async () => {
    browser = await openMermaidPage();
  }, BROWSER_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
  }, BROWSER_TIMEOUT);

  it('renders the demo comment\'s Mermaid in Chromium, with the chains a reviewer needs', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', 'examples/shop/stackguard.yml', '--format', 'markdown');
    const blocks = mermaidBlocks(run.stdout);
    expect(blocks).toHaveLength(1);
    expect(run.stdout).toMatch(/<details><summary>Cascades[^<]*<\/summary>\n\n```mermaid/);
    const svg = await browser.render(blocks[0]!);
    // replaced queue → replaced event source mapping; replaced task definition → rolling service
    for (const label of ['OrdersQueue3DFA1D51', 'OrderProcessorSqsEventSource', 'WebTask51ED7374', 'WebService7F8A1763']) expect(svg).toContain(label);
    expect(svg).toContain('replace, replacement');
    expect(svg).toContain('update, rolling');
  }, BROWSER_TIMEOUT);

  it('fails on a syntax error, so a broken graph cannot pass', async () => {
    await expect(browser.render('flowchart LR\n  c0["unclosed --> c1')).rejects.toThrow(/Parse error|Syntax error|Expecting/i);
  }, BROWSER_TIMEOUT);

  it('caps the graph and still renders it when a shared resource fans out to many', async () => {
    // GIVEN a replaced queue that 40 event source mappings reference
    const mappings = (queue: string) =>
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Mapping${i}`, resource('AWS::Lambda::EventSourceMapping', { EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] }, FunctionName: `fn-${i}-${queue}` })]));
    const base = template({ Q: resource('AWS::SQS::Queue', { QueueName: 'a' }), ...mappings('x') });
    const head = template({ Q: resource('AWS::SQS::Queue', { QueueName: 'b' }), ...mappings('x') });
    // WHEN the graph is drawn
    const graph = cascadeGraph(reviewPair(base, head))!;
    // THEN it shows 30 nodes, says how many it left out, and is valid Mermaid
    expect(graph.nodes).toBe(30);
    expect(graph.omitted).toBe(11);
    expect(graph.mermaid).toMatch(/class c0 [a-z]+/);
    expect(await browser.render(graph.mermaid)).toContain('<svg');
  }, BROWSER_TIMEOUT);
});
