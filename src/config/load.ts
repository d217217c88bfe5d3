/**
 * Reads `.github/stackguard.yml`. The App passes the text it fetched from the default branch to `parseConfig`;
 * the CLI's `--config` goes through `loadConfigFile`. Either way an invalid file is an error that lists every
 * problem with its path and line, never a silent default for a bad value. An empty file means all defaults.
 */

import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { StackguardInputError } from '../errors.js';
import { locatePath } from './locate.js';
import { formatProblemTable, problemsFromIssues, sortProblems, type ConfigProblem } from './problems.js';
import { configSchema, type StackguardConfig } from './schema.js';

/** An invalid config file. `problems` is the table of `details` as data, for renderers that want their own. */
export class ConfigError extends StackguardInputError {
  constructor(
    readonly sourceName: string,
    readonly problems: ConfigProblem[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${sourceName} is not a valid stackguard config (${count})`, 'config', formatProblemTable(problems));
    this.name = 'ConfigError';
  }
}

/** Validates config text. `sourceName` (a path or `owner/repo:.github/stackguard.yml`) is named in errors. */
export function parseConfig(text: string, sourceName: string): StackguardConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // Warnings count too: an unresolved tag such as `!Ref` would otherwise become a plain string without a word.
  const yamlProblems = [...doc.errors, ...doc.warnings].map((error) => yamlProblem(error, lineCounter));
  if (yamlProblems.length > 0) throw new ConfigError(sourceName, sortProblems(yamlProblems));

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // toJS refuses alias bombs ("Excessive alias count") and the like.
    throw new ConfigError(sourceName, [{ path: '(yaml)', message: (error as Error).message }]);
  }

  // An empty file, or one with only comments, is the default config.
  const result = configSchema.safeParse(data ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const locate = (path: ReadonlyArray<PropertyKey>, pointAtKey: boolean) =>
    locatePath(doc, lineCounter, path, pointAtKey);
  throw new ConfigError(sourceName, sortProblems(problemsFromIssues(result.error.issues, configSchema, locate)));
}

/** Reads and validates a config file (the CLI's `--config`). A missing or unreadable file is an error. */
export async function loadConfigFile(path: string): Promise<StackguardConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new StackguardInputError(`cannot read config file ${path}: ${why}`, 'config');
  }
  return parseConfig(text, path);
}

function yamlProblem(error: YAMLError, lineCounter: LineCounter): ConfigProblem {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { path: '(yaml)', message: `YAML: ${error.message}`, line, column: col };
}
