import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceCommand, type EvidenceDeps, type EvidenceOptions } from '../../src/cli/evidence-command.js';
import type { CliIO } from '../../src/cli/main.js';
import type { ReviewReport } from '../../src/core/report.js';
import { evidenceReportSchema, type EvidenceReport } from '../../src/evidence/schema.js';
import { CONFIG_HISTORY, marchPulls, NOW, reviews, STATE_KEY } from './scenario.js';
import { FakeGitHub, OWNER, REPO } from './fake-github.js';

let blocked: ReviewReport;
let clean: ReviewReport;
let github: FakeGitHub | undefined;

beforeAll(async () => {
  ({ blocked, clean } = await reviews());
});
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  github?.stop();
  github = undefined;
  nock.enableNetConnect();
});

const ENV = { GITHUB_TOKEN: 'ghp_test', STACKGUARD_STATE_KEY: STATE_KEY, APP_ID: '2' };

async function run(options: Partial<EvidenceOptions>, env: NodeJS.ProcessEnv = ENV, tty = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false };
  const deps: EvidenceDeps = { env, now: () => NOW, version: '9.9.9-test', stderrIsTTY: tty, msPerSecond: 0 };
  const code = await evidenceCommand({ repo: `${OWNER}/${REPO}`, since: '2026-03-01', until: '2026-03-31', format: 'markdown', ...options }, io, deps);
  return { code, stdout, stderr };
}

async function jsonReport(env: NodeJS.ProcessEnv = ENV): Promise<EvidenceReport> {
  const { stdout } = await run({ format: 'json' }, env);
  return evidenceReportSchema.parse(JSON.parse(stdout));
}

describe('stackguard evidence over a month of merges', () => {
  it('lists every merged pull request, exceptions first, and totals them', async () => {
    github = new FakeGitHub(marchPulls(blocked, clean), CONFIG_HISTORY);
    const report = await jsonReport();
    expect(report.pullRequests.map((p) => `#${p.number} ${p.outcome}`)).toEqual([
      '#103 exception',
      '#104 exception',
      '#105 exception',
      '#107 exception',
      '#110 exception',
      '#101 passed',
      '#102 acknowledged',
      '#106 not-infrastructure',
      '#109 acknowledged',
    ]);
    expect(report.totals).toEqual({ merged: 9, changedApp: 8, passed: 1, acknowledged: 2, exceptions: 5 });
    const kinds = Object.fromEntries(report.pullRequests.map((p) => [p.number, p.exceptions.map((e) => e.kind)]));
    expect(kinds).toMatchObject({ 103: ['check-not-passing'], 104: ['no-check'], 105: ['check-not-passing', 'unverified-record'], 107: ['check-on-other-commit'], 110: ['passed-after-merge'], 101: [], 102: [], 109: [] });
  });

  it('names the blocking changes, regressions and the verified acknowledgement with the permission recorded', async () => {
    github = new FakeGitHub(marchPulls(blocked, clean), CONFIG_HISTORY);
    const report = await jsonReport();
    const acked = report.pullRequests.find((p) => p.number === 102);
    expect(acked?.check).toMatchObject({ conclusion: 'success', record: 'verified', app: 'stackguard' });
    expect(acked?.blocking.map((b) => `${b.stack}/${b.resource} ${b.action}`)).toContain('ShopData/OrdersQueue3DFA1D51 replace');
    expect(acked?.regressions).toContainEqual(expect.objectContaining({ controlId: 'EC2.13', severity: 'HIGH', soc2: ['CC6.6', 'CC7.2'] }));
    expect(acked?.acknowledgements.map((a) => [a.by, a.permission, a.verification, a.coversMergedChanges, a.recordedIn.join('+')])).toEqual([
      ['admin-ada', null, 'verified', true, 'comment'],
      ['maintainer-mo', 'maintain', 'verified', true, 'comment+check-run'],
    ]);
    const tampered = report.pullRequests.find((p) => p.number === 105);
    expect(tampered?.acknowledgements).toEqual([expect.objectContaining({ by: 'mallory', verification: 'tampered', recordedIn: ['comment'] })]);
    expect(tampered?.comment.state).toBe('tampered');
    // A deleted comment does not lose the acknowledgement: the check run's signed record has it.
    const deleted = report.pullRequests.find((p) => p.number === 109);
    expect(deleted?.comment.state).toBe('absent');
    expect(deleted?.acknowledgements).toEqual([expect.objectContaining({ by: 'maintainer-mo', permission: 'maintain', verification: 'verified', recordedIn: ['check-run'] })]);
  });

  it('builds the accepted-risk register from the config history, flagging the expired entry that was removed', async () => {
    github = new FakeGitHub(marchPulls(blocked, clean), CONFIG_HISTORY);
    const report = await jsonReport();
    const s35 = report.register.find((e) => e.identity.startsWith('control=S3.5'));
    expect(s35).toMatchObject({ kind: 'acceptedRisk', owner: 'data-team', expires: '2026-03-15', expired: true, inForceAtEnd: false });
    expect(s35?.events.map((e) => `${e.change} ${e.commit.slice(0, 2)} ${e.author}`)).toEqual(['added c2 lead-lee', 'removed c3 admin-ada']);
    const ec218 = report.register.find((e) => e.identity.startsWith('control=EC2.18'));
    expect(ec218).toMatchObject({ owner: 'security-team', expired: false, inForceAtEnd: true });
    expect(ec218?.events.map((e) => e.change)).toEqual(['added', 'changed']);
    expect(report.register.filter((e) => e.kind === 'allow')).toHaveLength(1);
  });

  it('writes the golden markdown report and CSV', async () => {
    github = new FakeGitHub(marchPulls(blocked, clean), CONFIG_HISTORY);
    const out = await mkdtemp(path.join(os.tmpdir(), 'stackguard-evidence-'));
    try {
      const result = await run({ out });
      expect(result.code).toBe(0);
      const markdown = await readFile(path.join(out, 'evidence.md'), 'utf8');
      const csv = await readFile(path.join(out, 'evidence.csv'), 'utf8');
      evidenceReportSchema.parse(JSON.parse(await readFile(path.join(out, 'evidence.json'), 'utf8')));
      // Exceptions head the report, before the per-pull-request tables.
      expect(markdown.indexOf('## Exceptions')).toBeLessThan(markdown.indexOf('## Pull requests that changed a CDK app'));
      // RFC 4180: CRLF between records, one per merged pull request after the header; formulas defused.
      expect(csv.split('\r\n')).toHaveLength(1 + 9 + 1);
      expect(csv).toContain(`"'=HYPERLINK(""http://x"") cleanup"`);
      await expect(markdown).toMatchFileSnapshot('golden/evidence.md');
      await expect(csv).toMatchFileSnapshot('golden/evidence.csv');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('without the key, trusts no acknowledgement and says why', async () => {
    github = new FakeGitHub(marchPulls(blocked, clean), CONFIG_HISTORY);
    const report = await jsonReport({ GITHUB_TOKEN: 'ghp_test', APP_ID: '2' });
    for (const number of [102, 109]) {
      const acked = report.pullRequests.find((p) => p.number === number);
      expect(acked?.outcome).toBe('exception');
      expect(acked?.acknowledgements.every((a) => a.verification === 'unverifiable')).toBe(true);
    }
    expect(report.notes.join(' ')).toContain('No key was given');
  });
});
