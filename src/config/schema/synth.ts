/** `synth`: how the App synthesizes the pull request's CDK apps. */

import { z } from 'zod';
import { duration } from './fields.js';

export const DEFAULT_FORK_LABEL = 'stackguard:synth';
export const SYNTH_MODES = ['app', 'actions'] as const;
export type SynthMode = (typeof SYNTH_MODES)[number];
export const DEFAULT_SYNTH_WORKFLOW = '.github/workflows/stackguard.yml';
export const DEFAULT_SYNTH_ARTIFACT = 'stackguard';

export const synthSchema = z
  .strictObject({
    timeout: duration
      .prefault('10m')
      .describe(
        'Longest a synth (including installing dependencies) may run: seconds, or a duration such as "90s", "10m", ' +
          '"1h30m". At most 6 hours. Read as seconds.',
      ),
    allowForks: z
      .boolean()
      .default(false)
      .describe(
        'Whether pull requests from forks may be synthesized at all. Synth runs the PR\'s code; even when true, a ' +
          'maintainer must first apply forkLabel to the PR.',
      ),
    forkLabel: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(50, { error: 'must be at most 50 characters (a GitHub label)' })
      .default(DEFAULT_FORK_LABEL)
      .describe('Label a maintainer applies to a fork PR to allow its synth (only when allowForks is true).'),
    mode: z
      .enum(SYNTH_MODES, { error: `must be one of ${SYNTH_MODES.join(', ')}` })
      .optional()
      .describe(
        'Where the CDK apps are synthesized: "app" (the App downloads the PR and runs its code) or "actions" (the ' +
          'repository\'s workflow runs `stackguard synth` and uploads an artifact; the App runs no repository code). ' +
          'Default: the App\'s STACKGUARD_SYNTH_MODE, else "app".',
      ),
    workflow: z
      .string()
      .trim()
      .regex(/^\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml$/, { error: 'must be a file under .github/workflows/ ending in .yml or .yaml' })
      .default(DEFAULT_SYNTH_WORKFLOW)
      .describe('In actions mode: the workflow file whose completed runs carry the synth artifact.'),
    artifact: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .default(DEFAULT_SYNTH_ARTIFACT)
      .describe('In actions mode: the name of the artifact that holds the `stackguard synth` output.'),
  })
  .describe('Synthesis: where it runs, its timeout and fork pull requests.');

export type SynthConfig = z.output<typeof synthSchema>;
