import path from 'node:path';
import { loadConfigFile } from '../config/load.js';
import { defaultConfig, type StackguardConfig } from '../config/schema.js';
import { notConsulted } from '../core/findings/types.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { renderSarif } from '../core/render/sarif.js';
import { renderText } from '../core/render/text.js';
import { cliWording } from '../core/wording.js';
import type { Baseline, ReviewReport } from '../core/report.js';
import { StackguardInputError } from '../errors.js';
import { openSide } from '../pipeline/open-side.js';
import { reviewApps } from '../pipeline/review-apps.js';
import { reviewSides } from '../pipeline/review-sides.js';
import { isSynthOutput, openSynthOutput } from '../sources/synth-output.js';
import { EXIT_BLOCKING, EXIT_OK, type CliIO } from './main.js';
import { stackguardVersion } from '../sources/stackguard-version.js';

export const REVIEW_BASELINES = ['assembly', 'deployed', 'changeset'] as const;
export type ReviewBaseline = (typeof REVIEW_BASELINES)[number];

export interface ReviewOptions {
  base?: string;
  head: string;
  baseline?: ReviewBaseline;
  /** true: read Security Hub findings even with a folder baseline; false: never; undefined: with an AWS baseline. */
  findings?: boolean;
  format: 'text' | 'markdown' | 'json' | 'sarif';
  config?: string;
  appDir?: string;
}

export async function reviewCommand(options: ReviewOptions, io: CliIO): Promise<number> {
  const config = options.config ? await loadConfigFile(options.config) : defaultConfig();
  const baseline = chooseBaseline(options, config);
  const sideOptions = { synthTimeoutMs: config.synth.timeout * 1000, appDir: options.appDir };
  let sides;
  if (baseline === 'assembly' && options.findings !== true && (await synthOutputs(options))) {
    const report = await reviewSynthOutputs(options.base!, options.head, options, config);
    io.stdout(render(report, options, io.color));
    return report.conclusion === 'failure' ? EXIT_BLOCKING : EXIT_OK;
  } else if (baseline === 'assembly' && options.findings !== true) {
    const base = await openSide(options.base!, 'base', sideOptions);
    const head = await openSide(options.head, 'head', sideOptions);
    const findings = notConsulted(
      options.findings === false
        ? '--no-findings was given'
        : 'the baseline is a folder, and findings are read only with AWS access (--baseline deployed, or --findings)',
    );
    sides = { base, head, baseline: { kind: base.kind, description: base.description } as Baseline, findings };
  } else {
    const { awsReviewSides } = await import('./aws-review.js');
    sides = await awsReviewSides(options, config, baseline, sideOptions);
  }
  const report = reviewSides({ ...sides, config, today: new Date(), wording: cliWording(options.config) });
  io.stdout(render(report, options, io.color));
  return report.conclusion === 'failure' ? EXIT_BLOCKING : EXIT_OK;
}

/** Both sides are `stackguard synth` folders (one of each kind is refused: the apps could not be paired). */
async function synthOutputs(options: ReviewOptions): Promise<boolean> {
  const [base, head] = await Promise.all([isSynthOutput(options.base!), isSynthOutput(options.head)]);
  if (base !== head) {
    throw new StackguardInputError(`${base ? '--base' : '--head'} is a stackguard synth output and ${base ? '--head' : '--base'} is not: give two synth outputs, or two assemblies.`, 'usage');
  }
  return base;
}

/** Each app folder of the head against the same folder of the base; sources are read from the checkout in the current folder. */
async function reviewSynthOutputs(base: string, head: string, options: ReviewOptions, config: StackguardConfig): Promise<ReviewReport> {
  const appDirOf = (folder: string) => path.resolve(options.appDir ?? '.', folder);
  const [baseOutput, headOutput] = [await openSynthOutput(base, `synth output ${base}`, appDirOf), await openSynthOutput(head, `synth output ${head}`, appDirOf)];
  const findings = notConsulted(options.findings === false ? '--no-findings was given' : 'the baseline is a synth output, and findings are read only with AWS access');
  return reviewApps({ base: baseOutput.sides, head: headOutput.sides, baselineKind: 'assembly', config, today: new Date(), findings, wording: cliWording(options.config) });
}

/** --base means a folder baseline; --baseline deployed|changeset means AWS; with neither, the config's baseline. */
export function chooseBaseline(options: Pick<ReviewOptions, 'base' | 'baseline'>, config: StackguardConfig): ReviewBaseline {
  if (options.baseline === 'assembly' || (options.baseline === undefined && options.base !== undefined)) {
    if (options.base === undefined) throw new StackguardInputError('--baseline assembly compares with a folder: give it with --base <path>.', 'usage');
    return 'assembly';
  }
  if (options.baseline !== undefined) {
    if (options.base !== undefined) {
      throw new StackguardInputError(`--base compares with a folder and --baseline ${options.baseline} with what is deployed: give one of them.`, 'usage');
    }
    return options.baseline;
  }
  if (config.baseline === 'deployed' || config.baseline === 'changeset') return config.baseline;
  throw new StackguardInputError(
    'Nothing to compare with: give --base <path> (a cloud assembly, templates folder or CDK app) or --baseline deployed.',
    'usage',
  );
}

export function render(report: ReviewReport, options: Pick<ReviewOptions, 'format' | 'config'>, color: boolean): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report, { wording: cliWording(options.config) });
    case 'sarif':
      return renderSarif(report, { version: stackguardVersion(), fallbackFile: options.config ?? 'cdk.json' });
    case 'text':
      return renderText(report, { color });
  }
}
