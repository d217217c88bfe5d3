import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDurabilitySettings } from '../../src/github/durable/settings.js';

describe('the durability settings', () => {
  it('defaults to the file record, a 25 s grace period and 30 s leases', () => {
    const settings = readDurabilitySettings({ TMPDIR: '/tmp' });
    expect(settings).toMatchObject({ redisUrl: undefined, stopGraceMs: 25_000, leaseMs: 30_000 });
    expect(path.basename(settings.stateDir)).toBe('stackguard-state');
  });

  it('reads the operator\'s values, a grace period of zero included', () => {
    const settings = readDurabilitySettings({ STACKGUARD_STATE_DIR: '/data/state', REDIS_URL: 'redis://:pw@redis:6379/0', STACKGUARD_STOP_GRACE_SECONDS: '0', STACKGUARD_LEASE_SECONDS: '10' });
    expect(settings).toMatchObject({ stateDir: '/data/state', redisUrl: 'redis://:pw@redis:6379/0', stopGraceMs: 0, leaseMs: 10_000 });
  });

  it('refuses a value the operator cannot have meant, naming the variable', () => {
    expect(() => readDurabilitySettings({ STACKGUARD_STOP_GRACE_SECONDS: 'five minutes' })).toThrow('STACKGUARD_STOP_GRACE_SECONDS must be a number of seconds of at least 0; got "five minutes".');
    expect(() => readDurabilitySettings({ STACKGUARD_LEASE_SECONDS: '0' })).toThrow('STACKGUARD_LEASE_SECONDS must be a number of seconds of at least 1');
  });

  it('names each process differently in Redis leases', () => {
    expect(readDurabilitySettings({}).owner).not.toBe(readDurabilitySettings({}).owner);
  });
});
