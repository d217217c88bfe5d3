import { describe, expect, it } from 'vitest';
import { canAcknowledge } from '../../src/config/acknowledge.js';
import { parseConfig } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';

describe('canAcknowledge', () => {
  it('by default, maintain and admin may acknowledge; write, triage, read and none may not', () => {
    const config = defaultConfig();
    const allowed = (['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const).map(
      (role) => canAcknowledge(config, { role, teams: [] }).allowed,
    );
    expect(allowed).toEqual([false, false, false, false, true, true]);
  });

  it('honours a lower or higher minimum permission', () => {
    expect(canAcknowledge(parseConfig('acknowledge: { permission: write }', 'x'), { role: 'write', teams: [] }).allowed).toBe(true);
    expect(canAcknowledge(parseConfig('acknowledge: { permission: admin }', 'x'), { role: 'maintain', teams: [] }).allowed).toBe(
      false,
    );
  });

  it('lets members of a listed team acknowledge whatever their repository role', () => {
    const config = parseConfig('acknowledge: { permission: admin, teams: [platform-team, sre] }', 'x');
    expect(canAcknowledge(config, { role: 'read', teams: ['frontend', 'SRE'] })).toEqual({
      allowed: true,
      reason: 'is a member of team sre',
    });
  });

  it('says what is needed when the user may not acknowledge', () => {
    const config = parseConfig('acknowledge: { teams: [platform-team] }', 'x');
    expect(canAcknowledge(config, { role: 'write', teams: ['frontend'] })).toEqual({
      allowed: false,
      reason: 'needs maintain permission on the repository or membership in team platform-team to acknowledge; has write',
    });
  });
});
