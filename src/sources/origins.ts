import type { CfnTemplate, ResourceOrigin } from '../core/template.js';
import type { ConstructRecord } from './construct-metadata.js';
import type { SourceResolver } from './creation-stack.js';

/** The template metadata key CDK writes when path metadata is on (the CLI's default). */
const CDK_PATH_METADATA = 'aws:cdk:path';

/**
 * One origin per resource of the template. The construct path comes from the assembly's logical-id entry,
 * else from the resource's own `aws:cdk:path` metadata (a templates folder, or an assembly without metadata
 * for it); the source location from the first frame of its creation stack that is in the user's code.
 */
export function buildOrigins(
  template: CfnTemplate,
  records: ReadonlyMap<string, ConstructRecord> | undefined,
  byPath: ReadonlyMap<string, ConstructRecord> | undefined,
  resolveSource: SourceResolver,
): Record<string, ResourceOrigin> {
  const origins: Record<string, ResourceOrigin> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const pathInTemplate = resource.Metadata?.[CDK_PATH_METADATA];
    const record =
      records?.get(logicalId) ?? (typeof pathInTemplate === 'string' ? byPath?.get(pathInTemplate) : undefined);
    const constructPath = record?.constructPath ?? (typeof pathInTemplate === 'string' ? pathInTemplate : null);
    origins[logicalId] = { constructPath, source: resolveSource(record?.trace) };
  }
  return origins;
}
