/**
 * Name patterns for config entries: `*` matches any run of characters (also none); everything else is literal.
 *
 * Hand-written rather than picomatch/minimatch: those treat `/` and `.` as path syntax, but the names matched
 * here (stack names, logical ids, resource types such as `AWS::S3::Bucket`, control ids such as `S3.5`) are not
 * paths, and one wildcard is all the config promises.
 */

export interface GlobOptions {
  /** Compare without regard to letter case (control ids: `s3.5` is `S3.5`). */
  ignoreCase?: boolean;
}

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  const key = `${options.ignoreCase ? 'i' : 's'}:${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern
      .split('*')
      .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, options.ignoreCase ? 'i' : '');
    cache.set(key, re);
  }
  return re;
}

export function matchesGlob(pattern: string, value: string, options: GlobOptions = {}): boolean {
  return globToRegExp(pattern, options).test(value);
}

/** True when the pattern is nothing but wildcards, so it matches every name. */
export function matchesEverything(pattern: string): boolean {
  return /^\*+$/.test(pattern);
}
