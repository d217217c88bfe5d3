/**
 * Durations in the config (`synth.timeout`): a number of seconds, or a string such as `90s`, `10m`, `1h30m`.
 * Hand-written because the grammar is three units; a library (ms, parse-duration) would accept far more
 * (`1.5 weeks`, `10 minutes`) than the docs promise and the JSON Schema pattern can describe.
 */

/**
 * The string form, also used as the JSON Schema `pattern`: bare digits (seconds), or hours, minutes and seconds
 * in that order with at least one present.
 */
export const DURATION_PATTERN = /^(?:(\d+)|(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)$/;

/** Seconds for a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, bare, hours, minutes, seconds] = match;
  if (bare !== undefined) return Number(bare);
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

/** `600` → `10m`, `5400` → `1h30m`, `45` → `45s`: for messages and docs. */
export function formatDuration(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''];
  return parts.join('') || '0s';
}
