/** `synth`: how the App synthesizes the pull request's CDK apps. */

import { z } from 'zod';
import { duration } from './fields.js';

export const DEFAULT_FORK_LABEL = 'stackguard:synth';

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
  })
  .describe('Synthesis: timeout and fork pull requests.');

export type SynthConfig = z.output<typeof synthSchema>;
