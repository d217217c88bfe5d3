/**
 * Logical ids and construct paths the way aws-cdk-lib makes them, so renames and additions in the head
 * assembly look like what a real refactor produces: `Orders/Queue/Resource` → `OrdersQueue4A7E3555`.
 * Written here rather than imported: aws-cdk-lib keeps its id algorithm internal.
 */

import { createHash } from 'node:crypto';

const HIDDEN_ID = 'Default';
const HIDDEN_FROM_HUMAN_ID = 'Resource';
const MAX_HUMAN_LENGTH = 240;

/** The logical id of the construct at `components` (the path below the stack). */
export function logicalIdFor(components: readonly string[]): string {
  const visible = components.filter((component) => component !== HIDDEN_ID);
  if (visible.length === 1) {
    return alphanumeric(visible[0] ?? '');
  }
  const hash = createHash('md5').update(visible.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human = withoutRepeats(visible)
    .filter((component) => component !== HIDDEN_FROM_HUMAN_ID)
    .map(alphanumeric)
    .join('')
    .slice(0, MAX_HUMAN_LENGTH);
  return human + hash;
}

function alphanumeric(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

/** `['Api', 'Api', 'Handler']` → `['Api', 'Handler']`: CDK drops a component repeated right after itself. */
function withoutRepeats(components: readonly string[]): string[] {
  return components.filter((component, index) => index === 0 || components[index - 1] !== component);
}

/** A CDK asset hash (sha256 hex), derived from a label so the same asset gets the same hash. */
export function assetHash(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}
