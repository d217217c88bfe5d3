/**
 * Recognises churn that is not a change a reviewer must weigh: CDK's own metadata resource, construct metadata on
 * resources, and asset hashes that move whenever bundled code changes.
 */

/** Resource types that exist only for CDK's bookkeeping: never a change to review. */
export const BOOKKEEPING_TYPES: ReadonlySet<string> = new Set(['AWS::CDK::Metadata']);

/** Resource attributes whose change CloudFormation applies without touching the physical resource. */
export const INERT_ATTRIBUTES: ReadonlySet<string> = new Set(['Metadata', 'DependsOn']);

// CDK names assets by the SHA-256 of their content: 64 hex characters, in S3 keys, image tags and template URLs.
const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * True when two values differ only in asset hashes: a new build of the same asset
 * (new Lambda code, a new container image, a nested stack's new template).
 */
export function differsOnlyInAssetHash(oldValue: unknown, newValue: unknown): boolean {
  const before = JSON.stringify(oldValue);
  const after = JSON.stringify(newValue);
  if (before === undefined || after === undefined || before === after) return false;
  const maskedBefore = before.replace(ASSET_HASH, '<asset>');
  return maskedBefore !== before && maskedBefore === after.replace(ASSET_HASH, '<asset>');
}
