/**
 * `stackguard synth`: synthesizes the repository's CDK apps, found as the App finds them (the config's `apps`,
 * else every folder with a cdk.json), into a synth output folder (src/sources/synth-output.ts). It is what the
 * GitHub Action uploads as its artifact, and what `stackguard review --base OUT1 --head OUT2` reads.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfigFile } from '../config/load.js';
import { defaultConfig } from '../config/schema.js';
import { StackguardInputError } from '../errors.js';
import { findApps } from '../github/workspace/find-apps.js';
import { SYNTH_MANIFEST_FILE } from '../sources/synth-output.js';
import { writeSynthOutput } from '../sources/write-synth-output.js';
import { EXIT_OK, type CliIO } from './main.js';

export interface SynthCommandOptions {
  out: string;
  appDir?: string[];
  config?: string;
  commit?: string;
}

export const DEFAULT_CONFIG_FILE = '.github/stackguard.yml';

export async function synthCommand(options: SynthCommandOptions, io: CliIO, root = process.cwd()): Promise<number> {
  const configFile = options.config ?? (existsSync(path.join(root, DEFAULT_CONFIG_FILE)) ? path.join(root, DEFAULT_CONFIG_FILE) : undefined);
  const config = configFile ? await loadConfigFile(configFile) : defaultConfig();
  const apps = await findApps(root, options.appDir?.map((dir) => relativeFolder(root, dir)) ?? config.apps);
  if (apps.length === 0) {
    throw new StackguardInputError(`No cdk.json was found under ${root}, and no app folder was given (--app-dir or \`apps\` in the config).`, 'find apps');
  }
  const commit = options.commit ?? (await gitHead(root)) ?? process.env.GITHUB_SHA ?? null;
  if (commit !== null && !/^[0-9a-f]{40}$/.test(commit)) throw new StackguardInputError(`--commit must be a full 40-character SHA, not "${commit}".`, 'usage');
  const manifest = await writeSynthOutput({
    root,
    apps,
    outDir: path.resolve(root, options.out),
    commit,
    timeoutMs: config.synth.timeout * 1000,
    onApp: (folder, stacks, ms) => io.stderr(`stackguard: synthesized ${folder} (${stacks} templates, ${(ms / 1000).toFixed(1)}s)\n`),
  });
  io.stderr(`stackguard: wrote ${options.out}/${SYNTH_MANIFEST_FILE} for ${manifest.apps.length} app(s) at ${commit ?? 'an unknown commit'}\n`);
  return EXIT_OK;
}

/** "./infra/" → "infra"; the repository root → "."; a folder outside the repository is refused by findApps. */
function relativeFolder(root: string, dir: string): string {
  return path.relative(root, path.resolve(root, dir)).split(path.sep).join('/') || '.';
}

/** The checked-out commit: what was synthesized (GITHUB_SHA is a merge commit on pull_request runs). */
async function gitHead(root: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root });
    return stdout.trim();
  } catch {
    return undefined;
  }
}
