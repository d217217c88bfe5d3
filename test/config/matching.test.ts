import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/config/duration.js';
import { matchesEverything, matchesGlob } from '../../src/config/glob.js';
import { closestMatch } from '../../src/config/suggest.js';

describe('name patterns', () => {
  it('"*" matches any run of characters, also none, anywhere in the pattern', () => {
    expect(matchesGlob('OrdersDb*', 'OrdersDb889E652A')).toBe(true);
    expect(matchesGlob('OrdersDb*', 'OrdersDb')).toBe(true);
    expect(matchesGlob('*Db*', 'OrdersDb889E652A')).toBe(true);
    expect(matchesGlob('AWS::RDS::*', 'AWS::RDS::DBCluster')).toBe(true);
    expect(matchesGlob('AWS::RDS::*', 'AWS::DynamoDB::Table')).toBe(false);
  });

  it('the rest matches literally and whole: no partial matches, "." and "?" are plain characters', () => {
    expect(matchesGlob('Data', 'DataStack')).toBe(false);
    expect(matchesGlob('S3.5', 'S315')).toBe(false);
    expect(matchesGlob('Db?', 'DbX')).toBe(false);
    expect(matchesGlob('Db?', 'Db?')).toBe(true);
  });

  it('ignores case only when asked', () => {
    expect(matchesGlob('S3.5', 's3.5')).toBe(false);
    expect(matchesGlob('S3.5', 's3.5', { ignoreCase: true })).toBe(true);
  });

  it('knows a pattern of wildcards matches everything', () => {
    expect(matchesEverything('*')).toBe(true);
    expect(matchesEverything('**')).toBe(true);
    expect(matchesEverything('*-preview')).toBe(false);
  });
});

describe('durations', () => {
  it('reads seconds, and h/m/s parts in that order', () => {
    expect(parseDuration('45')).toBe(45);
    expect(parseDuration('45s')).toBe(45);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1h0m5s')).toBe(3605);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'm', '1.5m', '10 m', '30m1h', '10d', '-5s', 'h']) {
      expect(parseDuration(text), text).toBeUndefined();
    }
  });

  it('writes seconds back the way the docs do', () => {
    expect(formatDuration(600)).toBe('10m');
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(45)).toBe('45s');
  });
});

describe('near-miss suggestions', () => {
  it('suggests a key one or two edits away, or differing only in case', () => {
    expect(closestMatch('blockOrphans', ['blockOrphan', 'blockStatefulDeletion'])).toBe('blockOrphan');
    expect(closestMatch('severitythreshold', ['severityThreshold'])).toBe('severityThreshold');
    expect(closestMatch('high', ['LOW', 'HIGH'])).toBe('HIGH');
  });

  it('suggests nothing for a word that is merely short and similar', () => {
    expect(closestMatch('apps', ['aws', 'allow'])).toBeUndefined();
    expect(closestMatch('cpu', ['timeout', 'allowForks', 'forkLabel'])).toBeUndefined();
  });
});
