import { describe, expect, it } from 'vitest';
import { checkRationale } from '../../src/config/rationale.js';
import { parseConfig } from '../../src/config/load.js';

describe('rationales and reasons that say nothing are refused (review findings)', () => {
  it('"only temporary" is not a compensating control', () => {
    expect(checkRationale('This is only temporary and we will fix it later.').problems).not.toEqual([]);
  });

  it('an allow reason of one word is refused', () => {
    let details = '';
    try {
      parseConfig('allow: [{ stack: Data, reason: x }]', 'stackguard.yml');
    } catch (error) {
      details = (error as { details?: string }).details ?? '';
    }
    expect(details).toMatch(/allow\[0\]\.reason.*at least three/);
  });
});
