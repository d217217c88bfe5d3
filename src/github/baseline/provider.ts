/**
 * What a pull request's head is compared with. The App picks one provider per review (see choose-baseline.ts):
 * `base-branch` synthesizes the PR's base commit the same way as the head; `deployed` reads the templates
 * CloudFormation runs (src/aws/). The job asks for the baseline while the head is still being synthesized, so a
 * provider that does not need the head (base-branch) works in parallel with it.
 */

import type { BaselineKind } from '../../core/report.js';
import type { LoadedSide } from '../../sources/load-side.js';

export interface BaselineProvider {
  readonly kind: Extract<BaselineKind, 'base-branch' | 'deployed'>;
  /** One baseline side per app folder. `head` resolves when the head's sides are synthesized. */
  sides(apps: readonly string[], head: Promise<Map<string, LoadedSide>>): Promise<Map<string, LoadedSide>>;
}

/** The side of an app that does not exist in the baseline (added by this pull request): every stack is new. */
export function emptySide(description: string): LoadedSide {
  return { kind: 'assembly', path: '', description, stacks: [] };
}
