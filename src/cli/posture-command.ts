/**
 * `stackguard posture`: the SOC 2 readiness table from live Security Hub findings, per criterion, with the totals
 * of controls passing and the accepted risks of the config. Informational: exit 0 when it could read, 2 when not.
 */

import { shippedControlCatalogue } from '../aws/control-catalogue.js';
import { fetchPostureFindings } from '../aws/posture-findings.js';
import { loadConfigFile } from '../config/load.js';
import { defaultConfig } from '../config/schema.js';
import { buildPosture } from '../core/posture/build.js';
import { renderPostureMarkdown } from '../core/posture/render-markdown.js';
import { renderPostureText } from '../core/posture/render-text.js';
import { EXIT_OK, type CliIO } from './main.js';

export interface PostureOptions {
  format: 'text' | 'markdown' | 'json';
  config?: string;
  region?: string[];
  account?: string[];
}

export async function postureCommand(options: PostureOptions, io: CliIO): Promise<number> {
  const config = options.config ? await loadConfigFile(options.config) : defaultConfig();
  const read = await fetchPostureFindings({ config, regions: options.region, accounts: options.account });
  const report = buildPosture({
    findings: read.findings,
    catalogue: shippedControlCatalogue(),
    acceptedRisks: config.acceptedRisks,
    today: new Date(),
    scope: read.scope,
  });
  switch (options.format) {
    case 'json':
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      break;
    case 'markdown':
      io.stdout(renderPostureMarkdown(report));
      break;
    case 'text':
      io.stdout(renderPostureText(report));
      break;
  }
  return EXIT_OK;
}
