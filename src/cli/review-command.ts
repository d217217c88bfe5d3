import { loadConfigFile } from '../config/load.js';
import { defaultConfig } from '../config/schema.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { renderText } from '../core/render/text.js';
import type { ReviewReport } from '../core/report.js';
import { openSide } from '../pipeline/open-side.js';
import { reviewSides } from '../pipeline/review-sides.js';
import { EXIT_BLOCKING, EXIT_OK, type CliIO } from './main.js';

export interface ReviewOptions {
  base: string;
  head: string;
  format: 'text' | 'markdown' | 'json';
  config?: string;
  appDir?: string;
}

export async function reviewCommand(options: ReviewOptions, io: CliIO): Promise<number> {
  const config = options.config ? await loadConfigFile(options.config) : defaultConfig();
  const sideOptions = { synthTimeoutMs: config.synth.timeout * 1000, appDir: options.appDir };
  const base = await openSide(options.base, 'base', sideOptions);
  const head = await openSide(options.head, 'head', sideOptions);
  const report = reviewSides({
    base,
    head,
    config,
    baseline: { kind: base.kind, description: base.description },
    today: new Date(),
  });
  io.stdout(render(report, options.format, io.color));
  return report.conclusion === 'failure' ? EXIT_BLOCKING : EXIT_OK;
}

export function render(report: ReviewReport, format: ReviewOptions['format'], color: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, { color });
  }
}
