import { fetchFindingsForReview } from '../aws/findings-for-review.js';
import { loadDeployedSide, type DeployedSide } from '../aws/deployed-side.js';
import { AwsSession } from '../aws/session.js';
import { loadConfigFile } from '../config/load.js';
import { defaultConfig, type StackguardConfig } from '../config/schema.js';
import { notConsulted, type FindingsOutcome } from '../core/findings/types.js';
import { renderMarkdown } from '../core/render/markdown.js';
import { renderText } from '../core/render/text.js';
import type { Baseline, ReviewReport } from '../core/report.js';
import { StackguardInputError } from '../errors.js';
import { openSide } from '../pipeline/open-side.js';
import { reviewSides } from '../pipeline/review-sides.js';
import type { LoadedSide } from '../sources/load-side.js';
import { EXIT_BLOCKING, EXIT_OK, type CliIO } from './main.js';

export const REVIEW_BASELINES = ['assembly', 'deployed', 'changeset'] as const;
export type ReviewBaseline = (typeof REVIEW_BASELINES)[number];

export interface ReviewOptions {
  base?: string;
  head: string;
  baseline?: ReviewBaseline;
  /** true: read Security Hub findings even with a folder baseline; false: never; undefined: with an AWS baseline. */
  findings?: boolean;
  format: 'text' | 'markdown' | 'json';
  config?: string;
  appDir?: string;
}

export async function reviewCommand(options: ReviewOptions, io: CliIO): Promise<number> {
  const config = options.config ? await loadConfigFile(options.config) : defaultConfig();
  const baseline = chooseBaseline(options, config);
  const sideOptions = { synthTimeoutMs: config.synth.timeout * 1000, appDir: options.appDir };
  const session = new AwsSession(config.aws.roles);
  try {
    let base: LoadedSide;
    let head: LoadedSide;
    let described: Baseline;
    let deployed: DeployedSide | undefined;
    if (baseline === 'assembly') {
      base = await openSide(options.base!, 'base', sideOptions);
      head = await openSide(options.head, 'head', sideOptions);
      described = { kind: base.kind, description: base.description };
    } else {
      head = await openSide(options.head, 'head', sideOptions);
      deployed = await loadDeployedSide(head, { config, changeSets: baseline === 'changeset', session });
      base = deployed;
      described = { kind: 'deployed', description: deployed.description };
    }
    const findings = await findingsFor(options, config, baseline, head, deployed, session);
    const report = reviewSides({ base, head, config, baseline: described, today: new Date(), findings });
    io.stdout(render(report, options.format, io.color));
    return report.conclusion === 'failure' ? EXIT_BLOCKING : EXIT_OK;
  } finally {
    session.destroy();
  }
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

async function findingsFor(
  options: ReviewOptions,
  config: StackguardConfig,
  baseline: ReviewBaseline,
  head: LoadedSide,
  deployed: DeployedSide | undefined,
  session: AwsSession,
): Promise<FindingsOutcome> {
  if (options.findings === false) return notConsulted('--no-findings was given');
  if (options.findings === undefined) {
    if (baseline === 'assembly') return notConsulted('the baseline is a folder, and findings are read only with AWS access (--baseline deployed, or --findings)');
    if (!config.aws.securityHub) return notConsulted('aws.securityHub is off in the config');
  }
  // An explicit --findings wins over `aws.securityHub: false`.
  const effective = { ...config, aws: { ...config.aws, securityHub: true } };
  return fetchFindingsForReview(head, { config: effective, deployed, session });
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
