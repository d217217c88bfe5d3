/**
 * The entry point action.yml runs (`node dist/action/main.js`). `mode: synth` writes the `stackguard synth` output
 * to RUNNER_TEMP and names it in the step's outputs, for action.yml's upload-artifact step. `mode: review` reviews
 * the pull request in the runner (review-mode.ts). Errors are printed as workflow error annotations.
 */

import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { synthCommand } from '../cli/synth-command.js';
import { StackguardInputError } from '../errors.js';
import { readInputs, type ActionInputs } from './inputs.js';

export interface ActionIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runAction(env: NodeJS.ProcessEnv, io: ActionIO): Promise<number> {
  try {
    const inputs = readInputs(env);
    if (inputs.mode === 'synth') return await synthMode(inputs, io);
    // Loaded on use: review mode brings the publish code and the AWS SDK along.
    const { reviewMode } = await import('./review-mode.js');
    return await reviewMode(inputs, io, env);
  } catch (error) {
    const message = error instanceof StackguardInputError ? `${error.step}: ${error.message}${error.details ? `\n${error.details}` : ''}` : `unexpected error: ${(error as Error).message}`;
    // A workflow command: GitHub shows it as an error annotation on the run (newlines escaped as the syntax wants).
    io.stdout(`::error title=stackguard::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    return 2;
  }
}

async function synthMode(inputs: ActionInputs, io: ActionIO): Promise<number> {
  const out = path.join(inputs.temp, 'stackguard-synth');
  const code = await synthCommand(
    { out, appDir: inputs.appDirs.length > 0 ? inputs.appDirs : undefined, config: inputs.config && path.resolve(inputs.workspace, inputs.config) },
    { ...io, color: false },
    inputs.workspace,
  );
  await setOutput(inputs, 'out', out);
  return code;
}

/** A step output, in the GITHUB_OUTPUT file's `name=value` form. */
export async function setOutput(inputs: Pick<ActionInputs, 'outputFile'>, name: string, value: string): Promise<void> {
  if (inputs.outputFile) await appendFile(inputs.outputFile, `${name}=${value}\n`);
}

// Run when started as a program (action.yml), not when imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runAction(process.env, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}
