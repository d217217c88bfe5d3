/**
 * Checks made once at start, before any pull request's code can run. The synth and the install run in folders
 * under the work and cache directories and in the system temp folder; the App's private key must not sit in any
 * of them, where a relative path from a synth's working folder could reach it.
 */

import { existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppSettings } from './settings.js';

export function assertKeyOutsideWorkFolders(keyFile: string | undefined, settings: AppSettings): void {
  if (keyFile === undefined) return;
  const key = real(keyFile);
  const folders = [settings.workDir, settings.cacheDir, os.tmpdir()].map(real);
  const inside = folders.find((folder) => key === folder || key.startsWith(folder + path.sep));
  if (inside) {
    throw new Error(
      `PRIVATE_KEY_PATH (${keyFile}) is inside ${inside}, where the pull requests' code runs. Keep the key elsewhere ` +
        '(for example /run/secrets), readable by root only.',
    );
  }
}

/** Resolves links where the path exists, so a link into a work folder is caught too. */
function real(p: string): string {
  const absolute = path.resolve(p);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}
