/** Finds where in the YAML text a config path sits, so every problem can say "line 12, column 5". */

import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * The position of the value at `path`, or, when `pointAtKey` is set, of the key that names its last segment.
 * A path that does not exist all the way (a missing required key) resolves to the deepest part that does.
 */
export function locatePath(
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<PropertyKey>,
  pointAtKey = false,
): TextPosition | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyOffset = rangeStart(pair.key);
      // A key written with no value (`policy:`) has no value node; point at the key.
      if ((isLast && pointAtKey) || pair.value === null) {
        offset = keyOffset ?? offset;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
    } else {
      break;
    }
    offset = rangeStart(node) ?? offset;
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
