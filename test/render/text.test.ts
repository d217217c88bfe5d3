import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/main.js';
import { renderText } from '../../src/core/render/text.js';
import { changeOf, resource, reviewPair, template } from '../core/builders.js';

const report = reviewPair(template({ Q: resource('AWS::SQS::Queue', { QueueName: 'a' }) }), template({ Q: resource('AWS::SQS::Queue', { QueueName: 'b' }) }));

describe('text output', () => {
  it('says the verdict first, then the blocking change with its reasons', () => {
    const lines = renderText(report).split('\n');
    expect(lines[0]).toBe('✖ BLOCKED Blocked: 1 change needs a decision (1 stateful replacement).');
    expect(lines).toContain('Blocking changes');
    expect(lines.some((l) => l.includes('App/Q AWS::SQS::Queue — replace, replacement, stateful'))).toBe(true);
    expect(changeOf(report, 'Q').blocking).toBe(true);
  });

  it('is coloured only when asked', () => {
    expect(renderText(report, { color: true })).toMatch(/\u001b\[\d+m/);
    expect(renderText(report, { color: false })).not.toMatch(/\u001b\[/);
  });

  it('asks for colour on a terminal without NO_COLOR only', () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(true, { NO_COLOR: '' })).toBe(false);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
  });
});
