/**
 * A job step as GitHub's runner starts it: the GITHUB_* and RUNNER_* variables, an event file, and the action's
 * inputs as the INPUT_* variables action.yml passes. Runs the built entry point, `node dist/action/main.js`,
 * asynchronously so a fake GitHub in the test's own process can answer it.
 */

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tempDir } from '../github/helpers/files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'dist', 'action', 'main.js');
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** On pull_request runs GITHUB_SHA is the merge commit, not what was checked out. */
export const MERGE_SHA = '0123456789abcdef0123456789abcdef01234567';

/** GitHub's example `pull_request.opened` payload, as the runner writes it to GITHUB_EVENT_PATH. */
export function pullRequestEvent(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return structuredClone(examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!);
}

export interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  temp: string;
  outputs: string;
  summary: string;
}

export async function runStep(workspace: string, inputs: Record<string, string>, options: { event?: object; env?: Record<string, string> } = {}): Promise<StepRun> {
  const temp = await tempDir('stackguard-runner-temp-');
  const eventPath = path.join(temp, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.event ?? pullRequestEvent()));
  const [outputFile, summaryFile] = [path.join(temp, 'output'), path.join(temp, 'summary.md')];
  await writeFile(outputFile, '');
  const env = {
    PATH: process.env.PATH,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTION_PATH: ROOT,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    ...options.env,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase().replace(/-/g, '_')}`, value])),
  };
  const child = spawn(process.execPath, [ENTRY], { cwd: workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, temp, outputs: await readFile(outputFile, 'utf8'), summary: await readFile(summaryFile, 'utf8').catch(() => '') };
}
