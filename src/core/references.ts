/**
 * Finds which resources a resource refers to, and through which property path.
 *
 * cloudformation-diff propagates replacements only through `Ref` and `Fn::GetAtt`, and only into properties that
 * themselves force a replacement. stackguard also needs the in-place updates a replacement causes (a new physical id
 * flows into every property that refers to it) and references hidden in `Fn::Sub` strings, so it walks the
 * template once and indexes every reference by referring resource and property path.
 */

import type { CfnTemplate } from './template.js';

export interface Reference {
  /** Logical id of the referring resource. */
  from: string;
  /** Logical id of the resource referred to. */
  to: string;
  /** Dotted property path (array indices dropped) under Properties where the reference sits. */
  path: string;
  /** For Fn::GetAtt (and `${X.Attr}` in Fn::Sub): the attribute read; undefined for Ref. */
  attribute?: string;
}

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/** Index of references in one template: who refers to X (incoming), by logical id. */
export class ReferenceIndex {
  private readonly incoming = new Map<string, Reference[]>();

  constructor(template: CfnTemplate | undefined) {
    const resources = template?.Resources ?? {};
    const ids = new Set(Object.keys(resources));
    for (const [from, resource] of Object.entries(resources)) {
      for (const [property, value] of Object.entries(resource.Properties ?? {})) {
        collectReferences(value, property, (to, path, attribute) => {
          if (ids.has(to) && to !== from) this.add(attribute === undefined ? { from, to, path } : { from, to, path, attribute });
        });
      }
    }
  }

  /** Resources that refer to `logicalId`, each with the property path of the reference. */
  referrersOf(logicalId: string): readonly Reference[] {
    return this.incoming.get(logicalId) ?? [];
  }

  private add(reference: Reference): void {
    const list = this.incoming.get(reference.to);
    if (list) {
      if (!list.some((r) => r.from === reference.from && r.path === reference.path && r.attribute === reference.attribute)) list.push(reference);
    } else {
      this.incoming.set(reference.to, [reference]);
    }
  }
}

/** Calls `found(logicalId, path)` for every Ref, Fn::GetAtt and Fn::Sub variable inside `value`. */
export function collectReferences(value: unknown, path: string, found: (logicalId: string, path: string, attribute?: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, path, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0]!;
    if (key === 'Ref' && typeof arg === 'string') return found(arg, path);
    if (key === 'Fn::GetAtt') {
      const [target, attribute] = Array.isArray(arg) ? [arg[0], arg[1]] : typeof arg === 'string' ? [arg.split('.')[0], arg.split('.').slice(1).join('.')] : [];
      if (typeof target === 'string') found(target, path, typeof attribute === 'string' ? attribute : undefined);
      return;
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
      if (typeof text === 'string') {
        const local = variables && typeof variables === 'object' ? Object.keys(variables) : [];
        for (const match of text.matchAll(SUB_VARIABLE)) {
          const [name, ...attribute] = match[1]!.split('.');
          if (!local.includes(name!)) found(name!, path, attribute.length > 0 ? attribute.join('.') : undefined);
        }
      }
      if (variables) collectReferences(variables, path, found);
      return;
    }
  }
  for (const [key, child] of entries) {
    collectReferences(child, key.startsWith('Fn::') ? path : `${path}.${key}`, found);
  }
}
