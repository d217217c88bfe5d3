/**
 * The accepted-risk register: the accepted risks and allow entries of the config over its history, each with
 * when it was added, changed and removed, by which commit and author. An entry is known by what it matches (its
 * identity: control, stack and resource; or stack, logical id and type); a new rationale, owner, expiry, reason or
 * list of actions for the same identity is a change, not a new entry. Pure.
 */

import type { ConfigVersion } from './config-history.js';
import type { RegisterEntry } from './schema.js';

type Kind = RegisterEntry['kind'];

interface Tracked {
  entry: RegisterEntry;
  content: string;
  /** Present in the config at some time within the period. */
  inPeriod: boolean;
}

export function buildRegister(versions: readonly ConfigVersion[], since: Date, until: Date): RegisterEntry[] {
  const tracked = new Map<string, Tracked>();
  let previous = new Map<string, Record<string, unknown>>();
  const endDay = new Date(until.getTime() - 1).toISOString().slice(0, 10);
  for (const [index, version] of versions.entries()) {
    const current = entriesOf(version);
    const event = { commit: version.commit, author: version.author, date: version.date };
    // The config this version set was in force from its commit until the next one.
    const next = versions[index + 1];
    const inForceInPeriod = new Date(version.date) < until && (next === undefined || new Date(next.date) >= since);
    for (const [key, fields] of current) {
      const content = JSON.stringify(fields);
      const known = tracked.get(key);
      if (!known || !previous.has(key)) {
        const entry = describe(key, fields, endDay);
        tracked.set(key, { entry: { ...entry, events: [...(known?.entry.events ?? []), { change: 'added', ...event }] }, content, inPeriod: inForceInPeriod || Boolean(known?.inPeriod) });
      } else if (known.content !== content) {
        known.entry = { ...describe(key, fields, endDay), events: [...known.entry.events, { change: 'changed', ...event }] };
        known.content = content;
        known.inPeriod ||= inForceInPeriod;
      } else {
        known.inPeriod ||= inForceInPeriod;
      }
    }
    for (const key of previous.keys()) {
      const known = tracked.get(key);
      if (!current.has(key) && known) known.entry.events.push({ change: 'removed', ...event });
    }
    previous = current;
  }
  return [...tracked.entries()]
    .filter(([, item]) => item.inPeriod)
    .map(([key, item]) => ({ ...item.entry, inForceAtEnd: previous.has(key) }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.identity.localeCompare(b.identity));
}

function entriesOf(version: ConfigVersion): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  const add = (kind: Kind, fields: Record<string, unknown>) => {
    const base = `${kind} ${identity(kind, fields)}`;
    let key = base;
    // Two entries matching the same thing stay two entries.
    for (let n = 2; map.has(key); n++) key = `${base} #${n}`;
    map.set(key, fields);
  };
  for (const risk of version.acceptedRisks) add('acceptedRisk', risk);
  for (const allow of version.allow) add('allow', allow);
  return map;
}

function identity(kind: Kind, fields: Record<string, unknown>): string {
  const part = (name: string) => `${name}=${text(fields[name]) ?? '*'}`;
  return kind === 'acceptedRisk' ? [part('control'), part('stack'), part('resource')].join(' ') : [part('stack'), part('logicalId'), part('type')].join(' ');
}

function describe(key: string, fields: Record<string, unknown>, endDay: string): Omit<RegisterEntry, 'events'> {
  const kind: Kind = key.startsWith('allow ') ? 'allow' : 'acceptedRisk';
  const expires = text(fields.expires) ?? null;
  const actions = Array.isArray(fields.actions) ? ` (actions: ${fields.actions.join(', ')})` : '';
  return {
    kind,
    identity: key.slice(kind.length + 1) + (kind === 'allow' ? actions : ''),
    rationale: text(kind === 'allow' ? fields.reason : fields.rationale) ?? '',
    owner: text(fields.owner) ?? null,
    expires,
    expired: expires !== null && expires < endDay,
    inForceAtEnd: false,
  };
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}
