import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewReportSchema } from '../../src/core/report.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from './run-cli.js';

function scratch(): string {
  return mkdtempSync(path.join(tmpdir(), 'stackguard-cli-'));
}

describe('stackguard review on the bundled example', () => {
  it('exits 1 when something blocks and says what in the text output', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toMatch(/^✖ BLOCKED Blocked: \d+ changes? needs? a decision/);
    expect(run.stdout).toContain('Blocking changes');
    expect(run.stdout).not.toMatch(/\u001b\[/); // no colour when not on a TTY
  });

  it('--format json prints only the report, and it matches the contract exactly', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json');
    const report = JSON.parse(run.stdout);
    // Parsing strips unknown keys; equality proves there are none and every field has the contract's shape.
    expect(reviewReportSchema.parse(report)).toEqual(report);
    expect(report.conclusion).toBe('failure');
    const changes = report.stacks.flatMap((s: { changes: unknown[] }) => s.changes);
    expect(report.summary.changes).toBe(changes.length);
    expect(Object.values(report.summary.byDowntime).reduce((a: number, b) => a + (b as number), 0)).toBe(changes.length);
    // The example PR shows every downtime class.
    for (const downtime of ['none', 'atomic', 'rolling', 'interruption', 'replacement', 'deletion']) {
      expect(report.summary.byDowntime[downtime], downtime).toBeGreaterThan(0);
    }
  });

  it('--format markdown renders the PR comment (golden file)', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'markdown', '--config', 'examples/shop/stackguard.yml');
    expect(run.code).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot('../golden/shop-review.md');
  });

  it('exits 0 when nothing blocks', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_BASE, '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary.changes).toBe(0);
  });

  it('applies --config: an allow entry turns the orphan warning into an expected change', async () => {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json', '--config', 'examples/shop/stackguard.yml');
    const changes = JSON.parse(run.stdout).stacks.flatMap((s: { changes: Array<{ action: string; warnings: string[] }> }) => s.changes);
    const orphan = changes.find((c: { action: string }) => c.action === 'orphan');
    expect(orphan.warnings.join('\n')).toMatch(/Expected by `allow`/);
  });
});

it('a head stack whose last resource is removed is reviewed as deletions, with a note', async () => {
  // aws-cdk-lib writes a template without Resources (only the bootstrap parameter and rule) for an empty stack.
  const base = scratch();
  const head = scratch();
  writeFileSync(path.join(base, 'Jobs.template.json'), JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }));
  writeFileSync(path.join(head, 'Jobs.template.json'), JSON.stringify({ Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } } }));
  const run = await runCli('review', '--base', base, '--head', head, '--format', 'json');
  const stack = JSON.parse(run.stdout).stacks[0];
  expect(stack.changes[0]).toMatchObject({ logicalId: 'Queue', action: 'delete', blocking: true });
  expect(stack.notes.join(' ')).toMatch(/no resources left/);
});

describe('usage and input errors exit 2 with one clear message and no stack trace', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['a missing folder', () => ['--base', 'does/not/exist', '--head', SHOP_HEAD], /does\/not\/exist/],
    ['a folder with no templates', () => ['--base', scratch(), '--head', SHOP_HEAD], /neither a manifest\.json/],
    [
      'malformed JSON',
      () => {
        const dir = scratch();
        writeFileSync(path.join(dir, 'Broken.template.json'), '{ "Resources": { ');
        return ['--base', dir, '--head', SHOP_HEAD];
      },
      /Broken\.template\.json/,
    ],
    [
      'a template without Resources',
      () => {
        const dir = scratch();
        writeFileSync(path.join(dir, 'Empty.template.json'), '{ "Name": "not a template" }');
        return ['--base', dir, '--head', SHOP_HEAD];
      },
      /Empty\.template\.json has no Resources section/,
    ],
    [
      'an unreadable manifest',
      () => {
        const dir = scratch();
        writeFileSync(path.join(dir, 'manifest.json'), '{"version": 3, "artifacts": 42}');
        return ['--base', dir, '--head', SHOP_HEAD];
      },
      /manifest\.json/,
    ],
    [
      'an invalid config',
      () => {
        const dir = scratch();
        writeFileSync(path.join(dir, 'stackguard.yml'), 'policy:\n  severityThreshold: SEVERE\nbaseline: yesterday\n');
        return ['--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', path.join(dir, 'stackguard.yml')];
      },
      /policy\.severityThreshold[\s\S]*baseline/,
    ],
    [
      'an app folder whose synth fails',
      () => {
        const dir = scratch();
        mkdirSync(path.join(dir, 'bin'));
        writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node bin/app.mjs' }));
        writeFileSync(path.join(dir, 'bin', 'app.mjs'), 'console.error("boom: missing construct"); process.exit(3);');
        return ['--base', SHOP_BASE, '--head', dir];
      },
      /boom: missing construct/,
    ],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const run = await runCli('review', ...args());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^stackguard: /);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('a missing required option or an unknown format is a usage error', async () => {
    expect((await runCli('review', '--base', SHOP_BASE)).code).toBe(2);
    const badFormat = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'yaml');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/Allowed choices are text, markdown, json/);
  });
});

describe('stackguard review --help', () => {
  it('documents every option and the exit codes', async () => {
    const run = await runCli('review', '--help');
    expect(run.code).toBe(0);
    for (const option of ['--base <path>', '--head <path>', '--format <format>', '--config <file>', '--app-dir <path>']) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toMatch(/Exit codes: 0 no blocking change, 1 blocking changes, 2 usage or input error/);
  });
});

describe('accepted risks from --config', () => {
  function configWith(expires: string): string {
    const dir = scratch();
    const file = path.join(dir, 'stackguard.yml');
    const risk = (control: string) =>
      `  - control: ${control}\n    stack: ShopNetwork\n    resource: BastionSecurityGroup*\n` +
      `    rationale: SSH is reachable only through the VPN jump host and every login is logged to CloudTrail until the 2027-03 SSM rollout.\n` +
      `    owner: platform-team\n    expires: ${expires}\n`;
    writeFileSync(file, `acceptedRisks:\n${risk('EC2.13')}${risk('EC2.18')}`);
    return file;
  }

  async function bastion(config: string) {
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json', '--config', config);
    const network = JSON.parse(run.stdout).stacks.find((s: { stackName: string }) => s.stackName === 'ShopNetwork');
    return network.changes.find((c: { logicalId: string }) => c.logicalId.startsWith('BastionSecurityGroup'));
  }

  it('an accepted regression is shown as accepted, with its rationale, and does not block', async () => {
    const change = await bastion(configWith('2099-12-31'));
    expect(change.blocking).toBe(false);
    const ssh = change.controls.find((c: { controlId: string }) => c.controlId === 'EC2.13');
    expect(ssh.accepted).toMatchObject({ owner: 'platform-team', expires: '2099-12-31' });
    expect(change.warnings.join('\n')).toMatch(/EC2\.13 regression on .* is an accepted risk \(owner platform-team/);
  });

  it('an expired accepted risk does not count, and says so', async () => {
    const change = await bastion(configWith('2020-01-31'));
    expect(change.blocking).toBe(true);
    expect(change.blockedBy.map((b: { policy: string }) => b.policy)).toContain('control-regression');
    expect(change.warnings.join('\n')).toMatch(/accepted risk for EC2\.13 .* expired on 2020-01-31/);
  });

  it('a rationale that only promises a later fix is rejected as a config error', async () => {
    const dir = scratch();
    const file = path.join(dir, 'stackguard.yml');
    writeFileSync(file, "acceptedRisks:\n  - control: EC2.13\n    stack: ShopNetwork\n    rationale: We'll fix it later\n    owner: me\n    expires: 2099-01-01\n");
    const run = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/acceptedRisks\[0\]\.rationale|acceptedRisks\.0\.rationale/);
  });
});

describe('malformed template values', () => {
  it('a value the diff cannot digest names the stack instead of crashing', async () => {
    const base = scratch();
    const head = scratch();
    const sg = (ingress: unknown) => JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: ingress } } } });
    writeFileSync(path.join(base, 'Net.template.json'), sg([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' }]));
    writeFileSync(path.join(head, 'Net.template.json'), sg([null]));
    const run = await runCli('review', '--base', base, '--head', head);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^stackguard: diff: stack Net: its templates could not be diffed/);
  });

  it('Properties that are not an object are an input error naming the file', async () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'Odd.template.json'), JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: 'oops' } } }));
    const run = await runCli('review', '--base', dir, '--head', SHOP_HEAD);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Odd\.template\.json: resource Q needs a string Type/);
  });
});
