/**
 * A resource's properties as a set of "path=value" leaves, with every reference to another resource written
 * through a token: the logical id itself, or a shared token when that resource is paired as a rename. Two resources
 * whose only differences are references to renamed siblings then have the same leaves.
 */

import type { CfnResource } from './template.js';

/** The token a reference to `logicalId` is written as. */
export type RenameTokens = (logicalId: string) => string;

const SUB_VARIABLE = /\$\{([^}!][^}.]*)((?:\.[^}]*)?)\}/g;

export function propertyLeaves(resource: CfnResource | undefined, token: RenameTokens): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, path: string): void => {
    const reference = referenceLeaf(value, token);
    if (reference !== undefined) {
      out.add(`${path}=${reference}`);
      return;
    }
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
      if (entries.length === 0) out.add(`${path}=${Array.isArray(value) ? '[]' : '{}'}`);
      for (const [key, child] of entries) walk(key === 'Fn::Sub' ? normaliseSub(child, token) : child, `${path}.${key}`);
    } else {
      out.add(`${path}=${JSON.stringify(value)}`);
    }
  };
  walk(resource?.Properties ?? {}, '');
  for (const id of dependsOn(resource)) out.add(`DependsOn=${token(id)}`);
  return out;
}

/** A Ref or Fn::GetAtt as one leaf value, or undefined for anything else. */
function referenceLeaf(value: unknown, token: RenameTokens): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [key, arg] = entries[0]!;
  if (key === 'Ref' && typeof arg === 'string') return `Ref(${token(arg)})`;
  if (key === 'Fn::GetAtt') {
    const [target, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? [arg.split('.')[0], arg.split('.').slice(1).join('.')] : [];
    if (typeof target === 'string') return `GetAtt(${token(target)}.${JSON.stringify(attribute)})`;
  }
  return undefined;
}

/** The Fn::Sub argument with `${Id}` and `${Id.Attr}` written through the tokens. */
function normaliseSub(arg: unknown, token: RenameTokens): unknown {
  const rewrite = (text: unknown): unknown =>
    typeof text === 'string' ? text.replace(SUB_VARIABLE, (_all, id: string, attribute: string) => `\${${token(id)}${attribute}}`) : text;
  return Array.isArray(arg) ? [rewrite(arg[0]), ...arg.slice(1)] : rewrite(arg);
}

function dependsOn(resource: CfnResource | undefined): string[] {
  const value = (resource as { DependsOn?: unknown } | undefined)?.DependsOn;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((id): id is string => typeof id === 'string');
}
