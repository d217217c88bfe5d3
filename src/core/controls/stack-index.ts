/**
 * Per-template indexes built once, so a rule that looks across resources (a bucket and its policy, a secret and
 * its rotation schedule) costs a map lookup instead of a scan: resources by type, who refers to whom through a
 * given property, and resources joined on literal values (a metric filter and the alarm on its metric).
 */

import { collectReferences } from '../references.js';
import type { CfnResource, CfnTemplate } from '../template.js';
import { lookup, reachable } from './values.js';

/**
 * Properties that hold a resource's physical name: a policy may name a user `alice` instead of `{Ref: User}`,
 * and CDK points an instance at its launch template by name.
 */
const PHYSICAL_NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateName',
  'AWS::EC2::SecurityGroup': 'GroupName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

function literalStrings(values: readonly unknown[]): string[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
}

export class StackIndex {
  readonly resources: Readonly<Record<string, CfnResource>>;
  private readonly byType = new Map<string, string[]>();
  private readonly namesByType = new Map<string, Map<string, string>>();
  private readonly referrers = new Map<string, Map<string, string[]>>();
  private readonly joins = new Map<string, Map<string, string[]>>();

  constructor(
    readonly stackName: string,
    template: CfnTemplate,
  ) {
    this.resources = template.Resources ?? {};
    for (const [id, resource] of Object.entries(this.resources)) {
      if (typeof resource?.Type !== 'string') continue;
      const ids = this.byType.get(resource.Type) ?? [];
      ids.push(id);
      this.byType.set(resource.Type, ids);
      const nameProperty = PHYSICAL_NAME_PROPERTIES[resource.Type];
      const name = nameProperty ? lookup(resource.Properties, nameProperty) : undefined;
      if (name?.kind === 'value' && typeof name.value === 'string') {
        const names = this.namesByType.get(resource.Type) ?? new Map<string, string>();
        names.set(name.value, id);
        this.namesByType.set(resource.Type, names);
      }
    }
  }

  idsOfType(type: string): readonly string[] {
    return this.byType.get(type) ?? [];
  }

  properties(logicalId: string): Record<string, unknown> {
    return this.resources[logicalId]?.Properties ?? {};
  }

  typeOf(logicalId: string): string | undefined {
    return this.resources[logicalId]?.Type;
  }

  /** Resources of this template that `values` refer to, by Ref / GetAtt / Sub or by a literal physical name. */
  targetsOf(values: readonly unknown[], types?: readonly string[], self?: string): string[] {
    const targets = new Set<string>();
    for (const value of values) {
      collectReferences(value, '', (id) => {
        if (id in this.resources) targets.add(id);
      });
    }
    for (const text of literalStrings(values)) {
      for (const [type, names] of this.namesByType) {
        if (types && !types.includes(type)) continue;
        const id = names.get(text);
        if (id) targets.add(id);
      }
    }
    return [...targets].filter((id) => id !== self && (!types || types.includes(this.resources[id]!.Type)));
  }

  /** Resources of `types` whose properties at `path` refer to `target`. */
  referrersOf(target: string, types: readonly string[], path: string): readonly string[] {
    const key = `${types.join(',')}|${path}`;
    let index = this.referrers.get(key);
    if (!index) {
      index = new Map();
      for (const type of types) {
        for (const id of this.idsOfType(type)) {
          for (const to of this.targetsOf(reachable(this.properties(id), path), undefined, id)) {
            const list = index.get(to) ?? [];
            list.push(id);
            index.set(to, list);
          }
        }
      }
      this.referrers.set(key, index);
    }
    return index.get(target) ?? [];
  }

  /**
   * Resources of `type` whose literal values at `paths` equal `values`, in order. Resources whose values at those
   * paths are not all literal scalars are not joinable and never match.
   */
  joined(type: string, paths: readonly string[], values: readonly string[]): readonly string[] {
    const key = `${type}|${paths.join(',')}`;
    let index = this.joins.get(key);
    if (!index) {
      index = new Map();
      for (const id of this.idsOfType(type)) {
        const found = paths.map((p) => lookup(this.properties(id), p));
        if (!found.every((f) => f.kind === 'value' && typeof f.value !== 'object')) continue;
        const joinKey = JSON.stringify(found.map((f) => String((f as { value: unknown }).value)));
        index.set(joinKey, [...(index.get(joinKey) ?? []), id]);
      }
      this.joins.set(key, index);
    }
    return index.get(JSON.stringify(values)) ?? [];
  }
}
