import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Variables taken from stackguard's own environment; everything else the app sees is set here. */
export const INHERITED_VARIABLES = ['PATH', 'LANG', 'LC_ALL', 'TZ'] as const;

/** aws-cdk-lib's names (cx-api `CONTEXT_ENV`, `CONTEXT_OVERFLOW_LOCATION_ENV`, `OUTDIR_ENV`). */
export const CONTEXT_ENV = 'CDK_CONTEXT_JSON';
export const CONTEXT_OVERFLOW_ENV = 'CONTEXT_OVERFLOW_LOCATION_ENV';
export const OUTDIR_ENV = 'CDK_OUTDIR';

/**
 * Set by stackguard, never inherited. aws-cdk-lib records a creation stack of V8's default 10 frames; a resource
 * made deep inside a pattern (a VPC subnet of an ECS pattern's default cluster) has no frame of user code in
 * its first 10, and so no source line. 100 frames reach the user's `new …Service(…)` line.
 */
export const STACK_TRACE_LIMIT = 100;

/**
 * Linux refuses a single environment string over 128 KiB (MAX_ARG_STRLEN), "NAME=" included. Stay well below.
 */
const MAX_CONTEXT_ENV_BYTES = 120 * 1024;

export interface SandboxFolders {
  home: string;
  tmp: string;
  /** Where the context that does not fit in the environment is written. */
  scratch: string;
  outDir: string;
}

/**
 * The complete environment of a synth: an allow-list, not a deny-list. The pull request's code runs here, so
 * no credential of the machine (AWS_*, GITHUB_*, the App's private key and webhook secret) and none of its
 * NODE_OPTIONS may reach it; HOME and TMPDIR point into folders owned by this run.
 */
export async function sandboxEnvironment(
  folders: SandboxFolders,
  context: Record<string, unknown>,
  parentEnv: NodeJS.ProcessEnv = process.env,
  /** V8's old-space limit for node children (synth-limits.ts), in MiB. */
  heapLimitMiB?: number,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = parentEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    HOME: folders.home,
    TMPDIR: folders.tmp,
    [OUTDIR_ENV]: folders.outDir,
    CI: 'true',
    NO_COLOR: '1',
    NODE_OPTIONS: `--stack-trace-limit=${STACK_TRACE_LIMIT}${heapLimitMiB !== undefined ? ` --max-old-space-size=${heapLimitMiB}` : ''}`,
    // Python, Java, .NET and Go apps run aws-cdk-lib through jsii; only with this does jsii hand the host
    // language's call stack to aws-cdk-lib, which appends it to each creation stack (the CLI sets it with --debug).
    JSII_HOST_STACK_TRACES: '1',
  });
  const { inline, overflow } = splitContext(context);
  env[CONTEXT_ENV] = JSON.stringify(inline);
  if (Object.keys(overflow).length > 0) {
    const file = path.join(folders.scratch, 'context-overflow.json');
    await writeFile(file, JSON.stringify(overflow));
    env[CONTEXT_OVERFLOW_ENV] = file;
  }
  return env;
}

/**
 * Keeps as many context entries in the variable as fit, smallest first, and moves the rest to the overflow
 * file that aws-cdk-lib also reads (the CLI does the same). Small entries are the feature flags, which change
 * templates; keeping them inline means even an aws-cdk-lib too old to read the overflow file gets them.
 */
export function splitContext(context: Record<string, unknown>): {
  inline: Record<string, unknown>;
  overflow: Record<string, unknown>;
} {
  const sized = Object.entries(context).map(([key, value]) => ({
    key,
    value,
    bytes: Buffer.byteLength(JSON.stringify({ [key]: value })),
  }));
  sized.sort((a, b) => a.bytes - b.bytes);
  const inline: Record<string, unknown> = {};
  const overflow: Record<string, unknown> = {};
  let used = Buffer.byteLength(`${CONTEXT_ENV}={}`);
  for (const { key, value, bytes } of sized) {
    if (used + bytes <= MAX_CONTEXT_ENV_BYTES) {
      inline[key] = value;
      used += bytes;
    } else {
      overflow[key] = value;
    }
  }
  return { inline, overflow };
}
