/**
 * "Did you mean" for unknown keys and bad enum values. Edit distance is hand-written: it is a dozen lines, and a
 * dependency for it would outweigh the feature.
 */

/** The candidate closest to `input`, when it is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const sameIgnoringCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameIgnoringCase) return sameIgnoringCase;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // A third of the word may be wrong: "blockOrphans" → "blockOrphan", but "apps" is not "aws".
  const tolerance = Math.max(1, Math.floor(input.length / 3));
  return best && best.distance <= tolerance && best.distance < input.length ? best.candidate : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
