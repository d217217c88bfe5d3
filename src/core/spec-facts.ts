/**
 * Facts about CloudFormation resource types that the core needs from the service spec.
 * The adapter in src/sources/spec-facts.ts answers them from @aws-cdk/aws-service-spec; tests may pass a fake.
 */
export interface SpecFacts {
  /** Whether the type is in the spec at all (custom resources and third-party types are not). */
  isKnownType(resourceType: string): boolean;
  /** The spec's `isStateful`: the resource holds data a replacement or deletion loses. */
  isStateful(resourceType: string): boolean;
  /** Whether changing a top-level property replaces the resource: create-only ('yes'), conditional ('maybe'), or not. */
  replacementOf(resourceType: string, property: string): 'yes' | 'maybe' | 'no';
  /**
   * The create-only properties that name the physical resource (`BucketName`, `TableName`, `DBInstanceIdentifier`):
   * when one is set, CloudFormation cannot replace the resource, because the new one would need the same name.
   */
  physicalNameProperties(resourceType: string): readonly string[];
}
