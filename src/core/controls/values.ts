/**
 * Reading template values the way a rule needs them: by dotted path, telling apart a value that is missing,
 * a value stackguard cannot resolve statically (an intrinsic function such as `{Ref: Param}` or `Fn::If`),
 * and a plain value. Hand-written because the distinction between "missing" and "unresolvable" is the whole point.
 */

export type Lookup =
  | { kind: 'missing' }
  | { kind: 'unresolvable'; value: unknown }
  | { kind: 'value'; value: unknown };

const MISSING: Lookup = { kind: 'missing' };
const pathCache = new Map<string, string[]>();

export function splitPath(path: string): string[] {
  let segments = pathCache.get(path);
  if (!segments) {
    segments = path.split('.');
    pathCache.set(path, segments);
  }
  return segments;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{Ref: X}`, `{Fn::…: …}`: an object with one key that names an intrinsic function. */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** `{Ref: AWS::NoValue}` removes the property: it reads as missing. */
export function isNoValue(value: unknown): boolean {
  return isPlainObject(value) && value['Ref'] === 'AWS::NoValue' && Object.keys(value).length === 1;
}

/** Follows `path` from `node`. A missing key is missing; an intrinsic on the way (or at the end) is unresolvable. */
export function lookup(node: unknown, path: string | undefined): Lookup {
  let current = node;
  for (const segment of path === undefined ? [] : splitPath(path)) {
    if (current === undefined || current === null || isNoValue(current)) return MISSING;
    if (isIntrinsic(current)) return { kind: 'unresolvable', value: current };
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) return MISSING;
      current = current[index];
    } else if (isPlainObject(current)) {
      current = current[segment];
    } else {
      return MISSING;
    }
  }
  if (current === undefined || current === null || isNoValue(current)) return MISSING;
  if (isIntrinsic(current)) return { kind: 'unresolvable', value: current };
  return { kind: 'value', value: current };
}

/**
 * Every value reachable at `path`, fanning out over arrays and stopping at intrinsics (returned whole, so the
 * references inside them still count). Used to find what a resource refers to, not to judge values.
 */
export function reachable(node: unknown, path: string): unknown[] {
  const found: unknown[] = [];
  const walk = (current: unknown, rest: readonly string[]): void => {
    if (current === undefined || current === null || isNoValue(current)) return;
    if (rest.length === 0 || isIntrinsic(current)) {
      found.push(current);
      return;
    }
    const [segment, ...tail] = rest as [string, ...string[]];
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (Number.isInteger(index)) walk(current[index], tail);
      else for (const item of current) walk(item, rest);
    } else if (isPlainObject(current)) {
      walk(current[segment], tail);
    }
  };
  walk(node, splitPath(path));
  return found;
}

/** A short rendering of a value for messages. */
export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Template scalars arrive as strings as often as not ("true", "7"): compare with the coercion CloudFormation applies. */
export function scalarEquals(actual: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'boolean') {
    if (typeof actual === 'boolean') return actual === expected;
    return typeof actual === 'string' && actual.toLowerCase() === String(expected);
  }
  if (typeof expected === 'number') {
    if (typeof actual === 'number') return actual === expected;
    return typeof actual === 'string' && actual.trim() !== '' && Number(actual) === expected;
  }
  if (typeof actual === 'string') return actual === expected;
  return (typeof actual === 'number' || typeof actual === 'boolean') && String(actual) === expected;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A single value reads as a one-element list, as CloudFormation accepts both for many list properties. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
