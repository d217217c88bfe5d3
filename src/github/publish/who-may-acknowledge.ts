import type { StackguardConfig } from '../../config/index.js';

/** "people with maintain permission or more, or members of team platform", for replies and the comment. */
export function whoMayAcknowledge(config: Pick<StackguardConfig, 'acknowledge'>): string {
  const { permission, teams } = config.acknowledge;
  const base = `people with ${permission} permission or more`;
  if (teams.length === 0) return base;
  return `${base}, or members of team${teams.length > 1 ? 's' : ''} ${teams.join(', ')}`;
}
