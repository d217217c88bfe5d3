/**
 * Finding and rewriting references inside a template: `Ref`, `Fn::GetAtt` (array and `Id.Attr` string forms),
 * `${Id}` / `${Id.Attr}` inside `Fn::Sub`, and `DependsOn`. A rename must move every one of them, and a
 * deletion must not leave one dangling.
 */

import type { Json } from '../intrinsics.js';
import type { TemplateJson } from '../model.js';

const SUB_VARIABLE = /\$\{([A-Za-z0-9]+)((?:\.[A-Za-z0-9.]+)?)\}/g;

/** Every logical id (or pseudo parameter) the value refers to. */
export function referencedIds(value: Json | undefined, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(getAttTarget(inner));
      else if (key === 'Fn::Sub') subVariables(inner, into);
      else referencedIds(inner, into);
    }
  }
  return into;
}

function getAttTarget(value: Json): string {
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return typeof value === 'string' ? (value.split('.')[0] ?? value) : '';
}

function subVariables(value: Json, into: Set<string>): void {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text === 'string') {
    for (const match of text.matchAll(SUB_VARIABLE)) into.add(match[1] ?? '');
  }
  if (Array.isArray(value)) referencedIds(value[1], into);
}

/** A copy of the value with references to `from` pointing at `to` instead. */
export function renameReferences(value: Json, from: string, to: string): Json {
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, from, to));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && inner === from) out[key] = to;
    else if (key === 'Fn::GetAtt' && Array.isArray(inner) && inner[0] === from) out[key] = [to, ...inner.slice(1)];
    else if (key === 'Fn::Sub' && typeof inner === 'string') out[key] = renameInSub(inner, from, to);
    else out[key] = renameReferences(inner, from, to);
  }
  return out;
}

function renameInSub(text: string, from: string, to: string): string {
  return text.replace(SUB_VARIABLE, (whole, id: string, attribute: string) => (id === from ? `\${${to}${attribute}}` : whole));
}

/** Logical ids of the resources, and names of the outputs, whose definition refers to any of `ids`. */
export function referrers(template: TemplateJson, ids: ReadonlySet<string>): { resources: string[]; outputs: string[] } {
  const resources = Object.entries(template.Resources)
    .filter(([id, resource]) => !ids.has(id) && refersTo(resource.Properties, resource.DependsOn, ids))
    .map(([id]) => id);
  const outputs = Object.entries(template.Outputs ?? {})
    .filter(([, output]) => refersTo(output, undefined, ids))
    .map(([name]) => name);
  return { resources, outputs };
}

function refersTo(value: Json | undefined, dependsOn: string[] | undefined, ids: ReadonlySet<string>): boolean {
  if (dependsOn?.some((id) => ids.has(id))) return true;
  for (const id of referencedIds(value)) if (ids.has(id)) return true;
  return false;
}
