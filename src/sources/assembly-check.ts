import { existsSync } from 'node:fs';
import path from 'node:path';
import { StackguardInputError } from '../errors.js';
import { MANIFEST_FILE, readManifest } from './manifest.js';

const STEP = 'synth';

/**
 * After the app exited cleanly: the assembly must exist, and no context lookup may be outstanding.
 *
 * stackguard never performs context lookups (they need AWS credentials in the pull request's sandbox). An app
 * whose lookups are not in cdk.context.json still exits 0, with dummy values in its templates, and lists the
 * lookups under `missing` in manifest.json (nested assemblies' lookups are repeated at the top). Reviewing
 * those templates would report phantom changes, so it is an error with the fix in the message.
 */
export async function assertSynthesized(outDir: string, appDir: string, logTail: string): Promise<void> {
  if (!existsSync(path.join(outDir, MANIFEST_FILE))) {
    throw new StackguardInputError(
      `The CDK app in ${appDir} exited without writing a cloud assembly to ${outDir}. ` +
        'Does it call app.synth(), and does it leave CDK_OUTDIR alone?',
      STEP,
      logTail,
    );
  }
  const manifest = await readManifest(outDir, STEP);
  const missing = [...new Map((manifest.missing ?? []).map((entry) => [entry.key, entry])).values()];
  if (missing.length === 0) {
    return;
  }
  throw new StackguardInputError(
    `The CDK app in ${appDir} needs context values that are not in its cdk.context.json: ` +
      `${missing.map((entry) => entry.key).join(', ')}. stackguard does not look context up in AWS: run ` +
      '`cdk synth` once locally with AWS credentials, then commit the cdk.context.json it updates.',
    STEP,
    missing.map((entry) => `  ${entry.key}${entry.provider ? ` (${entry.provider})` : ''}`).join('\n'),
  );
}
