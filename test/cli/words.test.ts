/**
 * Words that fit the door: the CLI names the config it was given and has no check run to point at; the version is
 * one flag away; an AWS problem is one clean line, without the SDK's own wording or its Node.js notice after it.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/core/render/markdown.js';
import { allowOrAcknowledge, APP_WORDING } from '../../src/core/wording.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from './run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'stackguard.js');

describe('the CLI speaks as the CLI', () => {
  it('names the --config file it used, and no App check run or default branch', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stackguard-words-'));
    const config = path.join(dir, 'other.yml');
    copyFileSync('examples/shop/stackguard.yml', config);
    for (const format of ['text', 'markdown', 'json']) {
      const { stdout } = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--config', config, '--format', format);
      expect(stdout, format).toContain(`add an \`allow\` entry with a reason to ${config}.`);
      expect(stdout, format).toContain(`Expected by \`allow\` in ${config}:`);
      expect(stdout, format).not.toContain('.github/stackguard.yml');
      expect(stdout, format).not.toMatch(/check run|default branch/);
    }
  });

  it('the App keeps its own words: the config on the default branch, acknowledged on the check run', async () => {
    const { stdout } = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json');
    const report = JSON.parse(stdout);
    expect(renderMarkdown(report, { maxLength: 2_000 })).toMatch(/read the check run/);
    expect(allowOrAcknowledge(APP_WORDING)).toMatch(/\.github\/stackguard\.yml on the default branch, or have a maintainer acknowledge it on the check run/);
  });

  it('--version prints the package version', async () => {
    const run = await runCli('--version');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('without AWS credentials, --baseline deployed fails in one line and --findings says why in one sentence', () => {
    // A HOME without ~/.aws, no credential variables, no instance metadata: the SDK's chain finds nothing.
    const home = mkdtempSync(path.join(tmpdir(), 'stackguard-home-'));
    const env = { PATH: process.env.PATH, HOME: home, AWS_REGION: 'eu-west-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const deployed = spawnSync(process.execPath, [BIN, 'review', '--baseline', 'deployed', '--head', SHOP_HEAD], { cwd: ROOT, env, encoding: 'utf8' });
    expect(deployed.status).toBe(2);
    expect(deployed.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^stackguard: read deployed stacks: No AWS credentials: .*\(docs\/aws\.md\)\.$/)]);

    const findings = spawnSync(process.execPath, [BIN, 'review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--findings'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(findings.stderr).toBe(''); // no NodeVersionSupportWarning, no SDK message
    expect(findings.stdout).toMatch(/findings: Security Hub findings were not consulted: No AWS credentials: .*\(docs\/aws\.md\)\.\n/);
    expect(findings.stdout).not.toContain('..');
  });
});
