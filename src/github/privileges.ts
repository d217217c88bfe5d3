/**
 * Dropping from root to the user reviews run as. The App reads its secrets (private key, webhook secret) as
 * root and then becomes `STACKGUARD_USER` before it opens its port. Every install and synth it starts runs as
 * that user, and because the App changed its user, the kernel marks it non-dumpable: the synth cannot read the
 * App's environment or memory through /proc, and a key file readable by root only stays unreadable to it.
 * Without this (the App started as an ordinary user), a synth can read /proc/<App pid>/environ.
 */

import { readFileSync } from 'node:fs';

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

/** `stackguard`, `10001` or `10001:10001`; a name is looked up in /etc/passwd. */
export function resolveUser(spec: string, passwd = '/etc/passwd'): RunAs {
  const numeric = /^(\d+)(?::(\d+))?$/.exec(spec.trim());
  if (numeric) {
    const uid = Number(numeric[1]);
    return { name: spec, uid, gid: numeric[2] !== undefined ? Number(numeric[2]) : uid };
  }
  const line = readFileSync(passwd, 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[0] === spec.trim());
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new Error(`STACKGUARD_USER names "${spec}", which is not a user of this machine (${passwd}).`);
  return { name: spec, uid: Number(fields[2]), gid: Number(fields[3]) };
}

export function dropPrivileges(runAs: RunAs): void {
  if (runAs.uid === 0) throw new Error('STACKGUARD_USER must not be root: the pull requests\' code runs as this user.');
  if (!process.setgroups || !process.setgid || !process.setuid) throw new Error('This platform cannot change the user of a process.');
  process.setgroups([]);
  process.setgid(runAs.gid);
  process.setuid(runAs.uid);
  // Refuse to go on if the change did not take or could be undone.
  let regained = false;
  try {
    process.setuid(0);
    regained = true;
  } catch {
    // Expected: an ordinary user cannot become root again.
  }
  if (regained || process.getuid?.() !== runAs.uid || process.getgid?.() !== runAs.gid) {
    throw new Error(`Could not drop privileges to ${runAs.name} (${runAs.uid}:${runAs.gid}).`);
  }
}
