import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../core/template.js';

/**
 * Finds where in the user's own code a resource was created, from the creation stack aws-cdk-lib records
 * (`aws:cdk:creationStack`, or the `trace` of older versions' logical-id entries).
 *
 * aws-cdk-lib 2.276 already folds library frames into markers such as `...new Bucket2 in aws-cdk-lib...`, and
 * writes frames as `new DataStack (/app/lib/data-stack.ts:9:5)`, `file:///app/app.mjs:21 (:)` (a top-level ESM
 * frame) or, in assemblies whose absolute prefix was cut for committing, `new DataStack (lib/data-stack.ts:9:5)`.
 * Older versions wrote V8's `at …` lines unfolded.
 */
export type SourceResolver = (trace: readonly string[] | undefined) => SourceLocation | null;

/**
 * `appDir` is the app's folder: a frame counts as the user's code only when its file lies inside it, and the
 * reported file is relative to it. Relative frame paths are taken relative to `cwd`.
 *
 * An assembly synthesized on another machine (a committed one, or one made in CI) names files under that
 * machine's checkout. Such a frame is re-rooted: the longest tail of its path that names an existing file
 * under `appDir` is taken as the file, so `/home/ci/repo/lib/data.ts` becomes `lib/data.ts` when `appDir`
 * holds `lib/data.ts`.
 */
export function createSourceResolver(appDir: string, cwd: string = process.cwd()): SourceResolver {
  const root = path.resolve(appDir);
  const fileExists = memoize((file: string) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });

  // Memoized: thousands of frames name the same few source files, and re-rooting one walks the file system.
  const inApp = memoize((file: string): string | null => {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(root, absolute);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
      return toPosix(relative);
    }
    const segments = absolute.split(/[\\/]+/).filter((segment) => segment !== '');
    for (let start = 1; start < segments.length; start++) {
      const tail = segments.slice(start).join('/');
      if (fileExists(path.join(root, tail))) {
        return tail;
      }
    }
    return null;
  });

  return (trace) => {
    for (const frame of trace ?? []) {
      const location = frameLocation(frame);
      if (!location || !isUserFile(location.file)) {
        continue;
      }
      const file = inApp(location.file);
      if (file !== null) {
        return { file, line: location.line };
      }
    }
    return null;
  };
}

/** The file and line of one rendered stack frame, or null for markers such as `...node internals...`. */
export function frameLocation(frame: string): { file: string; line: number } | null {
  let text = frame.trim().replace(/^at\s+/, '');
  if (text.startsWith('...') || text.startsWith('(')) {
    return null;
  }
  const parenthesized = /\(([^()]*)\)$/.exec(text);
  if (parenthesized) {
    // `name (file:line:col)`, or `file:line (:)` where the location came first and the parentheses are empty.
    text = LOCATION.test(parenthesized[1] ?? '') ? (parenthesized[1] ?? '') : text.slice(0, parenthesized.index).trim();
  }
  const match = LOCATION.exec(text);
  if (!match?.[1] || !match[2]) {
    return null;
  }
  const file = match[1].startsWith('file://') ? safeFileUrlToPath(match[1]) : match[1];
  return file === null ? null : { file, line: Number(match[2]) };
}

const LOCATION = /^(.*?):(\d+)(?::\d+)?$/;

function isUserFile(file: string): boolean {
  return (
    file !== '' &&
    !file.startsWith('node:') &&
    !file.startsWith('internal/') &&
    !file.includes('<anonymous>') &&
    // Installed libraries: npm's, and Python's (a jsii app's virtualenv usually sits inside the app folder).
    !/(^|[\\/])(node_modules|site-packages|dist-packages)[\\/]/.test(file)
  );
}

function safeFileUrlToPath(url: string): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) {
      cache.set(key, compute(key));
    }
    return cache.get(key) as T;
  };
}
