import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evidenceCommand, type EvidenceDeps } from '../../src/cli/evidence-command.js';
import type { CliIO } from '../../src/cli/main.js';
import { evidenceReportSchema } from '../../src/evidence/schema.js';
import { encodeEvidenceBlock } from '../../src/github/publish/evidence-block.js';
import { runCli } from '../cli/run-cli.js';
import { FakeGitHub, OWNER, REPO, type FakePull } from './fake-github.js';
import { NOW, STATE_KEY } from './scenario.js';

let github: FakeGitHub | undefined;
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  github?.stop();
  github = undefined;
  nock.cleanAll();
  nock.enableNetConnect();
  vi.unstubAllEnvs();
});

const CONFIG = [{ sha: 'c1'.repeat(20), author: 'lead-lee', date: '2026-01-05T09:00:00Z', text: 'apps: [infra]\n' }];

async function run(env: NodeJS.ProcessEnv, options: { since?: string; until?: string; installationId?: string } = {}, tty = false) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false };
  const deps: EvidenceDeps = { env, now: () => NOW, version: '9.9.9-test', stderrIsTTY: tty, msPerSecond: 0 };
  const code = await evidenceCommand({ repo: `${OWNER}/${REPO}`, since: options.since ?? '2026-03-01', until: options.until ?? '2026-03-31', format: 'json', installationId: options.installationId }, io, deps);
  return { code, stdout, stderr, report: code === 0 ? evidenceReportSchema.parse(JSON.parse(stdout)) : undefined };
}

const sha = (n: number) => n.toString(16).padStart(40, '0');

describe('reading GitHub page by page', () => {
  it('reads every pull request of a period longer than one page, and stops at the first page older than the period', async () => {
    // GIVEN 130 pull requests merged in March and 150 merged in January, 100 to a page
    const pulls: FakePull[] = [];
    for (let n = 1; n <= 280; n++) {
      const march = n > 150;
      const day = String((n % 28) + 1).padStart(2, '0');
      pulls.push({ number: n, title: `Change ${n}`, author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: `2026-${march ? '03' : '01'}-${day}T10:00:00Z`, headSha: sha(n), files: ['README.md'] });
    }
    github = new FakeGitHub(pulls, CONFIG);
    const { report } = await run({ GITHUB_TOKEN: 'ghp_test', APP_ID: '2' });
    // THEN all 130 are there, and the listing read two pages of March and one of January, not the third
    expect(report?.totals.merged).toBe(130);
    expect(new Set(report?.pullRequests.map((p) => p.number)).size).toBe(130);
    expect(github.requests.filter((r) => r.startsWith(`/repos/${OWNER}/${REPO}/pulls?`))).toHaveLength(3);
  });

  it('finds the App\'s check run among more than a page of runs with the same name from another App', async () => {
    const runs = Array.from({ length: 104 }, (_, i) => ({ id: 1000 + i, conclusion: 'success', appId: 77, appSlug: 'copycat' }));
    const pull: FakePull = {
      number: 7, title: 'Resize the database', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: '2026-03-03T10:00:00Z', headSha: sha(7), files: ['infra/lib/db.ts'],
      runs: [...runs, { id: 2000, conclusion: 'action_required', externalId: 'abcdef0123456789', appId: 2 }],
    };
    github = new FakeGitHub([pull], CONFIG);
    const { report } = await run({ GITHUB_TOKEN: 'ghp_test', APP_ID: '2' });
    expect(report?.pullRequests[0]?.check).toMatchObject({ id: 2000, conclusion: 'action_required', record: 'absent' });
    expect(report?.pullRequests[0]?.exceptions.map((e) => e.kind)).toEqual(['check-not-passing']);
    expect(github.requests.filter((r) => r.includes('/check-runs')).length).toBe(2);
  });
});

describe('which pull requests changed a CDK app', () => {
  it('without apps in the config, takes the folders holding a cdk.json at the end of the period', async () => {
    const pulls: FakePull[] = [
      { number: 1, title: 'API change', author: 'a', mergedBy: 'b', mergedAt: '2026-03-03T10:00:00Z', headSha: sha(1), files: ['services/api/lib/stack.ts'] },
      { number: 2, title: 'Vendored tool', author: 'a', mergedBy: 'b', mergedAt: '2026-03-04T10:00:00Z', headSha: sha(2), files: ['node_modules/pkg/index.js', 'services/apiary/readme.md'] },
    ];
    github = new FakeGitHub(pulls, [{ ...CONFIG[0]!, text: 'acknowledge:\n  permission: maintain\n' }]);
    github.tree = ['services/api/cdk.json', 'node_modules/pkg/cdk.json', '.github/stackguard.yml', 'README.md'];
    const { report } = await run({ GITHUB_TOKEN: 'ghp_test', APP_ID: '2' });
    expect(report?.source).toMatchObject({ appFolders: ['services/api'], appFoldersFrom: 'cdk.json' });
    expect(report?.pullRequests.map((p) => [p.number, p.changedApp, p.outcome])).toEqual([
      [1, true, 'exception'],
      [2, false, 'not-infrastructure'],
    ]);
  });
});

describe('which check run counts', () => {
  it('without an App id, takes the latest run of the App that signs its records, not a newer look-alike or an older pass', async () => {
    // GIVEN the App's passing review, then the App's failed re-review (no record: a failed review has none),
    // then a run named stackguard by another App that claims success
    const record = encodeEvidenceBlock({ version: 1, sha: sha(8), fingerprint: null, totals: { changes: 2, blocking: 0, regressions: 0 }, blocking: [], regressions: [] }, STATE_KEY);
    const pull: FakePull = {
      number: 8, title: 'Rename a table', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: '2026-03-03T10:00:00Z', headSha: sha(8), files: ['infra/lib/db.ts'],
      runs: [
        { id: 3000, conclusion: 'success', summary: `${record}\n\nNo blocking changes.`, appId: 5, completedAt: '2026-03-02T10:00:00Z' },
        { id: 3001, conclusion: 'failure', summary: 'stackguard could not review this commit', appId: 5, completedAt: '2026-03-02T11:00:00Z' },
        { id: 3002, conclusion: 'success', summary: 'All good', appId: 77, appSlug: 'copycat', completedAt: '2026-03-02T12:00:00Z' },
      ],
    };
    github = new FakeGitHub([pull], CONFIG);
    const { report } = await run({ GITHUB_TOKEN: 'ghp_test', STACKGUARD_STATE_KEY: STATE_KEY });
    // THEN the App's failed review is the check of record, and the merge an exception
    expect(report?.pullRequests[0]?.check).toMatchObject({ id: 3001, conclusion: 'failure', record: 'absent' });
    expect(report?.pullRequests[0]?.exceptions.map((e) => e.kind)).toEqual(['check-not-passing']);
    expect(report?.notes.join(' ')).toContain('No App id was given');
  });

  it("does not trust a genuine signed record copied onto another commit's run", async () => {
    // GIVEN a look-alike run on the merged commit that pastes the App's signed record of another commit
    const copied = encodeEvidenceBlock({ version: 1, sha: sha(1), fingerprint: null, totals: { changes: 1, blocking: 0, regressions: 0 }, blocking: [], regressions: [] }, STATE_KEY);
    const pull: FakePull = {
      number: 9, title: 'Drop the orders table', author: 'dev-dana', mergedBy: 'lead-lee', mergedAt: '2026-03-04T10:00:00Z', headSha: sha(9), files: ['infra/lib/db.ts'],
      runs: [{ id: 4000, conclusion: 'success', summary: `${copied}\n\nNo blocking changes.`, appId: 77, appSlug: 'copycat', completedAt: '2026-03-03T10:00:00Z' }],
    };
    github = new FakeGitHub([pull], CONFIG);
    const { report } = await run({ GITHUB_TOKEN: 'ghp_test', STACKGUARD_STATE_KEY: STATE_KEY });
    // THEN the record is reported as not verifying, and the merge is an exception, not a pass
    expect(report?.pullRequests[0]?.check?.record).toBe('tampered');
    expect(report?.pullRequests[0]?.outcome).toBe('exception');
    expect(report?.pullRequests[0]?.exceptions.map((e) => e.detail).join(' ')).toMatch(/records commit 000000000000, not the run's/);
  });
});

describe('where and how it reads', () => {
  it('waits out GitHub\'s secondary rate limit and carries on, saying so on stderr', async () => {
    github = new FakeGitHub([{ number: 1, title: 'Docs', author: 'a', mergedBy: 'b', mergedAt: '2026-03-03T10:00:00Z', headSha: sha(1), files: ['README.md'] }], CONFIG);
    github.failOnce = { path: `/repos/${OWNER}/${REPO}/pulls`, status: 403 };
    // Waits last zero milliseconds in tests (msPerSecond: 0).
    const result = await run({ GITHUB_TOKEN: 'ghp_test' });
    expect(result.report?.totals.merged).toBe(1);
    expect(result.stderr).toMatch(/^stackguard: Secondary rate limit on GET https:\/\/api\.github\.com\/repos\/Codertocat\/Hello-World\/pulls\?\S+: retrying in 1s\n$/);
  });

  it('tries a read again after a server error (502)', async () => {
    github = new FakeGitHub([{ number: 1, title: 'Docs', author: 'a', mergedBy: 'b', mergedAt: '2026-03-03T10:00:00Z', headSha: sha(1), files: ['README.md'] }], CONFIG);
    github.failOnce = { path: `/repos/${OWNER}/${REPO}/pulls/1/files`, status: 502 };
    const result = await run({ GITHUB_TOKEN: 'ghp_test' });
    expect(result.report?.pullRequests[0]).toMatchObject({ number: 1, changedApp: false });
    expect(github.requests.filter((r) => r.startsWith(`/repos/${OWNER}/${REPO}/pulls/1/files`))).toHaveLength(2);
  });

  it('reads GitHub Enterprise Server at GITHUB_API_URL, and says plainly when nothing was merged', async () => {
    github = new FakeGitHub([], CONFIG, 'https://ghe.example.com/api/v3');
    const result = await run({ GITHUB_TOKEN: 'ghp_test', APP_ID: '2', GITHUB_API_URL: 'https://ghe.example.com/api/v3/' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('stackguard: no pull request was merged into main in the period; the report says so.\n');
    expect(result.report).toMatchObject({ totals: { merged: 0 }, source: { apiUrl: 'https://ghe.example.com/api/v3' } });
    expect(result.report?.notes).toContain('No pull request was merged into main in the period.');
  });

  it('authenticates as an installation of the App with APP_ID, PRIVATE_KEY and --installation-id', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const token = nock('https://api.github.com').post('/app/installations/42/access_tokens').reply(201, { token: 'ghs_installation', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    github = new FakeGitHub([], CONFIG);
    const seen: string[] = [];
    github.scope.on('request', (req: { headers: Record<string, string> }) => seen.push(req.headers.authorization ?? ''));
    const result = await run({ APP_ID: '2', PRIVATE_KEY: privateKey }, { installationId: '42' });
    expect(result.code).toBe(0);
    expect(token.isDone()).toBe(true);
    expect(new Set(seen)).toEqual(new Set(['token ghs_installation']));
  });

  it('shows a progress line on a terminal only', async () => {
    const pulls: FakePull[] = [1, 2].map((n) => ({ number: n, title: `Change ${n}`, author: 'a', mergedBy: 'b', mergedAt: '2026-03-03T10:00:00Z', headSha: sha(n), files: ['README.md'] }));
    github = new FakeGitHub(pulls, CONFIG);
    expect((await run({ GITHUB_TOKEN: 'ghp_test' }, {}, true)).stderr).toBe('\rstackguard evidence: 0/2 pull requests read\rstackguard evidence: 1/2 pull requests read\rstackguard evidence: 2/2 pull requests read\n');
    expect((await run({ GITHUB_TOKEN: 'ghp_test' }, {}, false)).stderr).toBe('');
  });
});

describe('clear one-line errors, exit 2', () => {
  it('for missing credentials', async () => {
    for (const name of ['GITHUB_TOKEN', 'APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH']) vi.stubEnv(name, '');
    const result = await runCli('evidence', '--repo', 'o/r', '--since', '2026-03-01');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stackguard: evidence: no GitHub credentials: set GITHUB_TOKEN .*\n$/);
  });

  it('for a repository GitHub does not know (404)', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'ghp_test');
    github = new FakeGitHub([], CONFIG);
    github.repoMissing = true;
    const result = await runCli('evidence', '--repo', `${OWNER}/${REPO}`, '--since', '2026-03-01');
    expect(result).toMatchObject({ code: 2, stderr: `stackguard: evidence: repository ${OWNER}/${REPO} not found (or the credentials cannot see it)\n` });
  });

  it('for a malformed or empty period', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'ghp_test');
    expect(await runCli('evidence', '--repo', 'o/r', '--since', 'last week')).toMatchObject({ code: 2, stderr: expect.stringContaining('--since must be a day (YYYY-MM-DD, UTC)') });
    expect(await runCli('evidence', '--repo', 'o/r', '--since', '2026-03-31', '--until', '2026-03-01')).toMatchObject({ code: 2, stderr: expect.stringContaining('the period is empty') });
    expect(await runCli('evidence', '--repo', 'nope', '--since', '2026-03-01')).toMatchObject({ code: 2, stderr: expect.stringContaining('--repo must be OWNER/REPO') });
  });
});
