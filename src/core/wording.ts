/**
 * Words that fit the door the review is read through. The App reads its config from `.github/stackguard.yml` on
 * the default branch and can be acknowledged on its check run; the CLI reads the file given with `--config` (or
 * none) and has no check run. Sentences that name either come from here.
 */

export type Door = 'cli' | 'app';

export interface Wording {
  door: Door;
  /** The config file the review applied, as the reader knows it. */
  configPath: string;
}

export const APP_CONFIG_PATH = '.github/stackguard.yml';
export const APP_WORDING: Wording = { door: 'app', configPath: APP_CONFIG_PATH };

/** The CLI's wording: the `--config` value as given, or a hint that a config file is passed with `--config`. */
export function cliWording(configPath: string | undefined): Wording {
  return { door: 'cli', configPath: configPath ?? 'a stackguard config file (pass it with --config)' };
}

/** The warning on a change an `allow` entry expects. */
export function expectedByAllow(wording: Wording, reason: string): string {
  return `Expected by \`allow\` in ${wording.configPath}: ${reason}`;
}

/** The last advice on a blocking change: how to let it through. */
export function allowOrAcknowledge(wording: Wording): string {
  return wording.door === 'app'
    ? `If this is intended, add an \`allow\` entry with a reason to ${wording.configPath} on the default branch, or have a maintainer acknowledge it on the check run.`
    : `If this is intended, add an \`allow\` entry with a reason to ${wording.configPath}.`;
}
