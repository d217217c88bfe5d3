/**
 * Old → new values of a change as every renderer words them: "DBInstanceClass: db.t4g.micro → db.t4g.small",
 * with "(none)" for a value that is absent on one side. The renderer decides how to mark a value up.
 */

import type { ChangeReport, ValueChange } from '../report.js';

export interface ValueLine {
  path: string;
  old: string;
  new: string;
  masked: boolean;
}

export const ABSENT = '(none)';

/** The value changes of a change, optionally only of the properties at `downtime`; then a count of the rest left out. */
export function valueLines(change: ChangeReport, only?: (property: ChangeReport['properties'][number]) => boolean): { lines: ValueLine[]; omitted: number } {
  const properties = change.properties.filter((p) => only === undefined || only(p));
  const lines = properties.flatMap((p) => (p.values ?? []).map(line));
  const omitted = properties.reduce((n, p) => n + (p.valuesOmitted ?? 0), 0);
  return { lines, omitted };
}

function line(value: ValueChange): ValueLine {
  return { path: value.path, old: value.old ?? ABSENT, new: value.new ?? ABSENT, masked: value.masked === true };
}

/** One value change in plain text: `path: old → new` (the path left out when it is the property itself). */
export function plainValue(v: ValueLine, code: (text: string) => string = (t) => t): string {
  const show = (text: string): string => (text === ABSENT ? ABSENT : code(text));
  return `${v.path}: ${show(v.old)} → ${show(v.new)}${v.masked ? ' (masked: looks like a secret)' : ''}`;
}

export function omittedText(omitted: number): string {
  return `…and ${omitted} more changed ${omitted === 1 ? "value" : "values"}`;
}
