/**
 * Property paths in the CloudFormation service spec (@aws-cdk/aws-service-spec): used by the rule
 * importer to turn a property-type name ("AWS::AutoScaling::AutoScalingGroup InstancesDistribution")
 * into dotted paths from the resource's Properties, and by tests to check that every rule names a
 * property that exists. Not used at review time; loading the spec takes a second or two.
 */

import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

/** The parts of the spec's property model this module reads (the spec's own types are a transitive dependency). */
type SpecType =
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] }
  | { type: string };
interface SpecProperty {
  type: SpecType;
  causesReplacement?: 'yes' | 'no' | 'maybe';
}
type SpecProperties = Record<string, SpecProperty>;

export type Replacement = 'yes' | 'no' | 'maybe';

export interface ResolvedPath {
  /** Dotted, from the resource's Properties, array levels dropped. */
  path: string;
  /** Whether the type wraps the value in a list at each segment (for building examples). */
  isList: boolean[];
}

let database: ReturnType<typeof loadAwsServiceSpecSync> | undefined;
function db(): ReturnType<typeof loadAwsServiceSpecSync> {
  database ??= loadAwsServiceSpecSync();
  return database;
}

function resourceProperties(resourceType: string): SpecProperties | undefined {
  const resource = db().lookup('resource', 'cloudFormationType', 'equals', resourceType)[0];
  return resource?.properties as SpecProperties | undefined;
}

/** Type definition ids a property type refers to, looking through lists, maps and unions. */
function referencedTypes(type: SpecType): string[] {
  if (type.type === 'ref' && 'reference' in type) return [type.reference.$ref];
  if ((type.type === 'array' || type.type === 'map') && 'element' in type) return referencedTypes(type.element);
  if (type.type === 'union' && 'types' in type) return type.types.flatMap(referencedTypes);
  return [];
}

function typeDefinition(id: string): { name: string; properties: SpecProperties } {
  return db().get('typeDefinition', id) as unknown as { name: string; properties: SpecProperties };
}

export function resourceTypeExists(resourceType: string): boolean {
  return resourceProperties(resourceType) !== undefined;
}

/** Walks a dotted path through the spec; undefined when a segment does not exist. */
export function lookupPropertyPath(resourceType: string, path: string): SpecProperty | undefined {
  let properties = resourceProperties(resourceType);
  let found: SpecProperty | undefined;
  for (const segment of path.split('.')) {
    found = properties?.[segment];
    if (!found) return undefined;
    const [ref] = found.type.type === 'map' ? [] : referencedTypes(found.type);
    properties = ref ? typeDefinition(ref).properties : undefined;
  }
  return found;
}

/** What the spec says about replacing the resource when this top-level property changes. */
export function topLevelReplacement(resourceType: string, property: string): Replacement | undefined {
  const found = resourceProperties(resourceType)?.[property];
  return found ? (found.causesReplacement ?? 'no') : undefined;
}

/**
 * Every path from the resource's Properties to `property` of the property type named `typeName`,
 * e.g. (AutoScalingGroup, InstancesDistribution, OnDemandBaseCapacity) →
 * MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity. Empty when the spec has no such
 * type or the type has no such property. Recursive types are followed once per branch; map values
 * are not followed.
 */
export function resolvePropertyTypePaths(resourceType: string, typeName: string, property: string): ResolvedPath[] {
  const root = resourceProperties(resourceType);
  if (!root) return [];
  const found: ResolvedPath[] = [];
  const visit = (properties: SpecProperties, prefix: string[], lists: boolean[], chain: Set<string>): void => {
    for (const [name, prop] of Object.entries(properties)) {
      // Map values sit under arbitrary keys, which a rule path cannot name.
      if (prop.type.type === 'map') continue;
      const isList = prop.type.type === 'array';
      for (const ref of referencedTypes(prop.type)) {
        if (chain.has(ref)) continue;
        const definition = typeDefinition(ref);
        const path = [...prefix, name];
        const pathLists = [...lists, isList];
        const target = definition.properties[property];
        if (definition.name === typeName && target) {
          found.push({ path: [...path, property].join('.'), isList: [...pathLists, target.type.type === 'array'] });
        }
        visit(definition.properties, path, pathLists, new Set([...chain, ref]));
      }
    }
  };
  visit(root, [], [], new Set());
  return found;
}

/** Whether the top-level property is a list, for building examples of top-level rules. */
export function topLevelIsList(resourceType: string, property: string): boolean {
  return resourceProperties(resourceType)?.[property]?.type.type === 'array';
}
