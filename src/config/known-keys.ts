/**
 * Reads the key structure out of the zod schema: which keys an object at a given path may hold, and every key
 * path in the config. Used for "did you mean" hints and by the test that checks docs/configuration.md covers
 * every key, so neither can drift from the schema.
 */

import { z } from 'zod';

/** Strips wrappers that do not change the shape: optional, default, prefault, and the input side of a pipe. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      current = current.in;
    } else {
      return current;
    }
  }
}

/** The schema of one step down: an object's property, an array's element, a record's value. */
function child(schema: z.core.$ZodType, segment: PropertyKey): z.core.$ZodType | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return (inner.shape as Record<string, z.core.$ZodType>)[String(segment)];
  if (inner instanceof z.ZodArray) return inner.element;
  if (inner instanceof z.ZodRecord) return inner.valueType;
  return undefined;
}

/** The keys an object at `path` may hold (numbers in the path are array indexes), or [] when it is no object. */
export function keysAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: z.core.$ZodType | undefined = schema;
  for (const segment of path) {
    current = current && child(current, segment);
  }
  const inner = current && unwrap(current);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** Every key path, such as `policy.severityThreshold` and `allow[].reason`, in schema order. */
export function keyPaths(schema: z.core.$ZodType, prefix = ''): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray) return keyPaths(inner.element, `${prefix}[]`);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.core.$ZodType>).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...keyPaths(value, path)];
  });
}
