/**
 * Renders Mermaid source the way GitHub does, in a real browser: Debian's Chromium (`apt-get install chromium`,
 * .ci/run does it), driven by playwright-core, with the `mermaid` package loaded from node_modules into a local
 * page. No network: the page is a file:// URL, and Chromium runs with background networking, component updates and
 * sync off, in a temporary profile. Playwright never downloads a browser here: it only drives /usr/bin/chromium.
 */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.STACKGUARD_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface MermaidPage {
  /** Parses and renders one diagram; rejects with Mermaid's message on a syntax error. Returns the SVG text. */
  render(source: string): Promise<string>;
  /** Renders one diagram into the page and saves a PNG of it. */
  screenshot(source: string, file: string): Promise<void>;
  close(): Promise<void>;
}

export async function openMermaidPage(): Promise<MermaidPage> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does.`);
  const mermaidJs = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'stackguard-mermaid-'));
  const html = path.join(dir, 'index.html');
  writeFileSync(
    html,
    `<!doctype html><meta charset="utf-8"><body style="background:#fff;margin:0"><div id="out" style="display:inline-block;padding:16px"></div>` +
      `<script src="${pathToFileURL(mermaidJs).href}"></script>` +
      `<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });</script></body>`,
  );
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, deviceScaleFactor: 2, viewport: { width: 1400, height: 900 } });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(html).href);
    let n = 0;
    const render = (source: string): Promise<string> =>
      page.evaluate(
        async ({ code, id }) => {
          const mermaid = (globalThis as unknown as { mermaid: { parse(c: string): Promise<unknown>; render(id: string, c: string): Promise<{ svg: string }> } }).mermaid;
          await mermaid.parse(code);
          const { svg } = await mermaid.render(id, code);
          (globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string } } }).document.getElementById('out').innerHTML = svg;
          return svg;
        },
        { code: source, id: `graph${n++}` },
      );
    const opened = context;
    return {
      render,
      async screenshot(source, file) {
        await render(source);
        await page.locator('#out').screenshot({ path: file });
      },
      async close() {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}
