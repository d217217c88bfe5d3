/**
 * What the composite action (action.yml) hands its entry point: the inputs, passed as `INPUT_*` variables by
 * action.yml's `env:` (composite actions do not set them by themselves), and the runner's own variables.
 */

import path from 'node:path';
import { StackguardInputError } from '../errors.js';

export const ACTION_MODES = ['synth', 'review'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

export interface ActionInputs {
  mode: ActionMode;
  /** App folders relative to the workspace; empty: the config's apps, else every cdk.json. */
  appDirs: string[];
  /** The config file, relative to the workspace; '' for the default (.github/stackguard.yml when it exists). */
  config: string;
  token: string | undefined;
  /** The checkout: GITHUB_WORKSPACE. */
  workspace: string;
  /** RUNNER_TEMP: where the synth output and the base worktree go. */
  temp: string;
  /** GITHUB_OUTPUT, GITHUB_STEP_SUMMARY: files the runner reads after the step. */
  outputFile: string | undefined;
  summaryFile: string | undefined;
  eventName: string | undefined;
  eventPath: string | undefined;
  repository: string | undefined;
  apiUrl: string;
  serverUrl: string;
  label: string;
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string) => env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]?.trim() ?? '';
  const mode = input('mode') || 'synth';
  if (!(ACTION_MODES as readonly string[]).includes(mode)) throw new StackguardInputError(`The input mode must be synth or review, not "${mode}".`, 'action inputs');
  const workspace = env.GITHUB_WORKSPACE;
  if (!workspace) throw new StackguardInputError('GITHUB_WORKSPACE is not set: this entry point runs inside a GitHub Actions job.', 'action inputs');
  return {
    mode: mode as ActionMode,
    appDirs: input('app-dir').split(/[\n,]/).map((dir) => dir.trim()).filter(Boolean),
    config: input('config'),
    token: input('token') || undefined,
    workspace: path.resolve(workspace),
    temp: path.resolve(env.RUNNER_TEMP || path.join(workspace, '..')),
    outputFile: env.GITHUB_OUTPUT,
    summaryFile: env.GITHUB_STEP_SUMMARY,
    eventName: env.GITHUB_EVENT_NAME,
    eventPath: env.GITHUB_EVENT_PATH,
    repository: env.GITHUB_REPOSITORY,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    label: input('acknowledge-label') || 'stackguard:acknowledged',
  };
}
