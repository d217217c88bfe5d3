/**
 * The `stackguard` command line: a front door to the same pipeline the GitHub App uses.
 * Exit codes: 0 no blocking change, 1 blocking changes, 2 usage or input error.
 */

import { Command, CommanderError, Option } from 'commander';
import { StackguardInputError } from '../errors.js';
import type { EvidenceOptions } from './evidence-command.js';
import type { PostureOptions } from './posture-command.js';
import { REVIEW_BASELINES, reviewCommand, type ReviewOptions } from './review-command.js';
import { rulesCommand, type RulesOptions } from './rules-command.js';
import { synthCommand, type SynthCommandOptions } from './synth-command.js';
import { stackguardVersion } from '../sources/stackguard-version.js';

export const EXIT_OK = 0;
export const EXIT_BLOCKING = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that wants colour (TTY and no NO_COLOR). */
  color: boolean;
}

/** Commander collector for a repeatable option that also takes comma-separated values. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org: any value, even empty). */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return Boolean(isTTY) && env.NO_COLOR === undefined;
}

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: wantsColor(process.stdout.isTTY, process.env),
};

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('stackguard')
    .description('Reviews AWS CDK changes: downtime risk and SOC 2 control impact of every resource change.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .version(stackguardVersion(), '-V, --version', 'print the stackguard version');

  program
    .command('review')
    .description('Review the change from a base to a head version of a CDK app.')
    .option('--base <path>', 'baseline: a cloud assembly (cdk.out with manifest.json), a folder of *.template.json files, or a CDK app folder (cdk.json) to synthesize')
    .requiredOption('--head <path>', 'the changed version: a cloud assembly, a folder of *.template.json files, or a CDK app folder (cdk.json) to synthesize')
    .addOption(
      new Option('--baseline <kind>', 'what head is compared with: assembly (the --base folder), deployed (the stacks in CloudFormation) or changeset (deployed, plus CloudFormation change sets); default: assembly with --base, else the config\'s baseline')
        .choices([...REVIEW_BASELINES]),
    )
    .option('--findings', 'read open Security Hub findings for the stacks (default: with --baseline deployed or changeset, unless aws.securityHub is off)')
    .option('--no-findings', 'do not read Security Hub findings')
    .addOption(new Option('--format <format>', 'output format; json prints only the report on stdout, sarif a SARIF 2.1.0 log for code scanning').choices(['text', 'markdown', 'json', 'sarif']).default('text'))
    .option('--config <file>', 'a .github/stackguard.yml to apply (policy, allow-list, accepted risks, synth timeout)')
    .option('--app-dir <path>', 'the CDK app folder that source locations are relative to (default: the folder holding the assembly, when it has a cdk.json)')
    .addHelpText(
      'after',
      '\nExit codes: 0 no blocking change, 1 blocking changes, 2 usage or input error.\n' +
        'Synthesizing an app folder runs its `app` command from cdk.json with an allow-listed environment (no AWS\n' +
        'credentials), context lookups off (commit cdk.context.json), and a time limit (synth.timeout in the config).\n' +
        'AWS access (--baseline deployed|changeset, --findings) uses the SDK\'s standard configuration: the default\n' +
        'credential chain, AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL*. See docs/aws.md.',
    )
    .action(async (options: ReviewOptions) => {
      exitCode = await reviewCommand(options, io);
    });

  program
    .command('synth')
    .description('Synthesize the repository\'s CDK apps (run in its root) into a folder `review --base/--head` reads: what the GitHub Action uploads.')
    .requiredOption('--out <path>', 'the folder to write (empty, or a previous synth output, which is replaced)')
    .option('--app-dir <path>', 'a CDK app folder to synthesize (repeat, or comma-separate); default: the config\'s apps, else every folder with a cdk.json', collectList)
    .option('--config <file>', 'the config to use (default: .github/stackguard.yml when it exists)')
    .option('--commit <sha>', 'the commit recorded in the manifest (default: git rev-parse HEAD, else GITHUB_SHA)')
    .addHelpText('after', '\nSynthesizing runs each app\'s `app` command in the same sandbox as `review` (allow-listed environment, no AWS\ncredentials, context lookups off, synth.timeout). Exit codes: 0 written, 2 usage, input or synth error.')
    .action(async (options: SynthCommandOptions) => {
      exitCode = await synthCommand(options, io);
    });

  program
    .command('posture')
    .description('SOC 2 readiness from live Security Hub findings: criteria passing or failing, controls passing, accepted risks.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--config <file>', 'a .github/stackguard.yml: its acceptedRisks are listed, aws.regions and aws.roles are used')
    .option('--region <region>', 'region to read (repeat, or comma-separate); default: aws.regions in the config, else AWS_REGION / the profile', collectList)
    .option('--account <id>', 'account to read through its aws.roles role (repeat, or comma-separate); default: the default credentials\' view', collectList)
    .addHelpText('after', '\nNeeds securityhub:GetFindings (docs/iam-policy.json). Exit codes: 0 the report was made, 2 it could not read.')
    .action(async (options: PostureOptions) => {
      // Imported on use: posture needs the AWS SDK, the other commands do not.
      const { postureCommand } = await import('./posture-command.js');
      exitCode = await postureCommand(options, io);
    });

  program
    .command('rules')
    .description('List the SOC 2 control rules catalogue (id, Security Hub id, severity, SOC 2 criteria, types).')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action(async (options: RulesOptions) => {
      exitCode = await rulesCommand(options, io);
    });

  program
    .command('evidence')
    .description('SOC 2 change-management evidence: every pull request merged in a period, its stackguard check, acknowledgements, accepted risks.')
    .requiredOption('--repo <owner/repo>', 'the repository')
    .requiredOption('--since <date>', 'first day of the period (YYYY-MM-DD, UTC) or a timestamp with a zone')
    .option('--until <date>', 'last day of the period, included (YYYY-MM-DD, UTC), or the first timestamp not included; default: now')
    .addOption(new Option('--format <format>', 'what to print when --out is not given').choices(['markdown', 'csv', 'json']).default('markdown'))
    .option('--out <dir>', 'write evidence.md, evidence.csv and evidence.json into this folder')
    .option('--installation-id <id>', 'with the App\'s credentials (APP_ID, PRIVATE_KEY): its installation on the repository\'s owner')
    .option('--app-id <id>', 'count only check runs of this GitHub App (default: APP_ID)')
    .addHelpText(
      'after',
      '\nReads GitHub with GITHUB_TOKEN, or APP_ID + PRIVATE_KEY (or PRIVATE_KEY_PATH) + --installation-id; GITHUB_API_URL for\n' +
        'GitHub Enterprise Server. STACKGUARD_STATE_KEY (the App\'s) verifies the signed records. See docs/evidence.md.\n' +
        'Exit codes: 0 the report was made, 2 it could not be.',
    )
    .action(async (options: EvidenceOptions) => {
      const { evidenceCommand } = await import('./evidence-command.js');
      exitCode = await evidenceCommand(options, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof StackguardInputError) {
    io.stderr(`stackguard: ${error.step}: ${error.message}\n`);
    if (error.details) io.stderr(`${error.details.trimEnd()}\n`);
    // The AWS SDK's own wording repeats stackguard's line; it is there when debugging.
    if (process.env.STACKGUARD_DEBUG && error.cause instanceof Error) io.stderr(`cause: ${error.cause.name}: ${error.cause.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`stackguard: unexpected error: ${message}\n`);
  if (process.env.STACKGUARD_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return EXIT_USAGE;
}
