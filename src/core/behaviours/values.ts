/**
 * Comparing and reading template values the way CloudFormation sees them. Hand-written rather than
 * taken from a deep-equal library because CloudFormation's equality is lenient (`10` equals `"10"`,
 * `true` equals `"true"`), as `@aws-cdk/cloudformation-diff` also treats it, and because rule paths
 * look through arrays (they carry no indices).
 */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ Ref }` or `{ Fn::X }`: an opaque value whose inside is not a property path. */
export function isIntrinsic(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function toNumber(value: Scalar): number {
  return typeof value === 'string' && value.trim() === '' ? Number.NaN : Number(value);
}

function samePrimitive(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isScalar(a) || !isScalar(b)) return false;
  // CloudFormation passes every scalar as a string: 10 and "10", true and "true" are the same value.
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    return !Number.isNaN(x) && x === toNumber(b);
  }
  return false;
}

/** Deep equality with CloudFormation's scalar leniency. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return samePrimitive(a, b);
}

/**
 * Every value found at `segments` below `root`, looking through arrays at each level (a rule path
 * `Listeners.Protocol` reaches the Protocol of every listener). Missing values are left out.
 */
export function valuesAt(root: unknown, segments: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isPlainObject(value) && !isIntrinsic(value) && value[segment] !== undefined) next.push(value[segment]);
    };
    current.forEach(visit);
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}
