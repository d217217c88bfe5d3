import { describe, expect, it } from 'vitest';
import { checkResult } from '../../src/github/publish/check-output.js';
import type { ReviewReport } from '../../src/core/report.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from '../cli/run-cli.js';

const CONFIG = 'examples/shop/stackguard.yml';

async function demo(format: 'markdown' | 'text' | 'json', ...extra: string[]): Promise<string> {
  return (await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', CONFIG, '--format', format, ...extra)).stdout;
}

function order(text: string, headings: string[]): number[] {
  return headings.map((h) => text.indexOf(h));
}

describe('the review ordered by what hurts (the demo)', () => {
  it('the terminal layout, as a golden file (the Markdown one is test/golden/shop-review.md)', async () => {
    await expect(await demo('text')).toMatchFileSnapshot('../golden/shop-review.txt');
  });

  it('names the RDS restart under "Downtime during deploy", after the blocking changes and above the controls', async () => {
    for (const [format, headings] of [
      ['markdown', ['### Blocking changes', '### Downtime during deploy', '### SOC 2 controls', '### Warnings']],
      ['text', ['Blocking changes', 'Downtime during deploy', 'SOC 2 controls', 'Warnings']],
    ] as const) {
      const text = await demo(format);
      const at = order(text, [...headings]);
      expect(at.every((i) => i >= 0), `${format}: ${at}`).toBe(true);
      expect([...at].sort((a, b) => a - b), format).toEqual(at);
      const deploy = text.slice(at[1], at[2]);
      expect(deploy).toMatch(/interruption[^\n]*ShopData\/OrdersDb889E652A[^\n]*RDS restarts the instance[^\n]*db\.t4g\.micro`? → `?db\.t4g\.small/);
      expect(deploy).toMatch(/rolling[^\n]*ShopService\/WebService7F8A1763/);
      // Nothing blocking is repeated there.
      expect(deploy).not.toContain('OrdersQueue3DFA1D51 ');
    }
  });

  it('repeats no line: a control regression below the threshold is in the controls list only', async () => {
    const markdown = await demo('markdown');
    expect(markdown).not.toContain('below the blocking threshold, a warning');
    const lines = markdown.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('  - '));
    const repeated = lines.filter((l, i) => lines.indexOf(l) !== i && !l.startsWith('  - 👉'));
    expect(repeated).toEqual([]);
    expect(await demo('text')).not.toContain('below the blocking threshold, a warning');
  });

  it('shows old → new values for every update of the demo whose values differ', async () => {
    const report = JSON.parse(await demo('json')) as ReviewReport;
    const markdown = await demo('markdown');
    const text = await demo('text');
    const values = report.stacks.flatMap((s) => s.changes).filter((c) => c.action === 'update').flatMap((c) => c.properties.flatMap((p) => p.values ?? []));
    expect(values.length).toBeGreaterThanOrEqual(6);
    for (const v of values) {
      expect(text).toContain(`${v.path}: ${v.old ?? '(none)'} → ${v.new ?? '(none)'}`);
      expect(markdown).toContain(`${v.path}: ${v.old === null ? '(none)' : `\`${v.old}\``} → ${v.new === null ? '(none)' : `\`${v.new}\``}`);
    }
  });

  it('sums up what already failed by SOC 2 criterion, worst first, with the CloudWatch alarm set as one item', async () => {
    const markdown = await demo('markdown');
    expect(markdown).toContain('- **CC7.2** (worst HIGH): CloudTrail.1 (HIGH, 1 resource), EC2.6 (MEDIUM, 1 resource), CIS CloudWatch alarm set (CloudWatch.1–14): 14 controls, LOW');
    expect(markdown).not.toMatch(/CloudWatch\.5 \(/);
    const criteria = [...markdown.matchAll(/^- \*\*([A-Z0-9.]+)\*\* \(worst (\w+)\)/gm)].map((m) => m[2]);
    expect(criteria[0]).toBe('HIGH');
  });

  it('puts the non-blocking downtime into the check run summary, right after the verdict', async () => {
    const report = JSON.parse(await demo('json')) as ReviewReport;
    const result = checkResult({ kind: 'reviewed', report, fingerprint: 'abc', notes: [] }, undefined, 'maintainers');
    const [headline, deploy] = result.summary.split('\n\n');
    expect(headline).toMatch(/^Blocked:/);
    expect(deploy).toMatch(/^\*\*Downtime during deploy\*\* \(not blocking\): .*ShopData\/OrdersDb889E652A \(interruption\)/);
    expect(result.text!.indexOf('Downtime during deploy')).toBeLessThan(result.text!.indexOf('SOC 2 controls'));
  });
});
