/**
 * `stackguard synth` writes what the GitHub Action uploads, and `stackguard review` reads two of them: the same
 * verdict as reviewing the assemblies directly, and a folder that was changed after synth is refused.
 */

import { appendFile, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256, SYNTH_MANIFEST_FILE } from '../../src/sources/synth-output.js';
import { removeTempDirs } from '../github/helpers/files.js';
import { runCli, SHOP_BASE, SHOP_HEAD } from './run-cli.js';
import { synthShop } from './synth-helpers.js';

afterAll(removeTempDirs);

describe('stackguard synth', () => {
  it('writes one assembly per app with only the files the review reads, and a manifest of commit, version and hashes', async () => {
    const run = await synthShop('head');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(run.out, SYNTH_MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({ stackguardSynth: 1, commit: run.sha, stackguardVersion: '0.1.0', apps: [{ folder: 'infra', assembly: 'infra' }] });
    const files = Object.keys(manifest.apps[0].files);
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'ShopData.template.json', 'ShopServiceMonitoring490BAEC8.nested.template.json', 'ShopData.metadata.json']));
    expect(files.some((f) => f.startsWith('asset.') || f === 'tree.json')).toBe(false);
    const template = await readFile(path.join(run.out, 'infra', 'ShopData.template.json'));
    expect(manifest.apps[0].files['ShopData.template.json']).toBe(sha256(template));
    expect(run.stderr).toContain(`1 app(s) at ${run.sha}`);
  });

  it('takes --app-dir and --commit, and refuses a folder with no cdk.json', async () => {
    const commit = 'a'.repeat(40);
    const run = await synthShop('base', ['--app-dir', 'infra/', '--commit', commit]);
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(run.out, SYNTH_MANIFEST_FILE), 'utf8')).commit).toBe(commit);
    await expect(synthShop('base', ['--app-dir', 'lib'])).rejects.toThrow(/lib\/cdk.json does not exist/);
  });

  it('names the root app "root"', async () => {
    const run = await synthShop('base', [], '.');
    expect(JSON.parse(await readFile(path.join(run.out, SYNTH_MANIFEST_FILE), 'utf8')).apps).toMatchObject([{ folder: '.', assembly: 'root' }]);
    expect(await readdir(run.out)).toEqual(['root', SYNTH_MANIFEST_FILE]);
  });
});

describe('stackguard review of two synth outputs', () => {
  it('gives the same verdict as the assemblies themselves, sources relative to the repository', async () => {
    const [base, head] = [await synthShop('base'), await synthShop('head')];
    const fromOutputs = await runCli('review', '--base', base.out, '--head', head.out, '--format', 'json', '--app-dir', head.root);
    const direct = await runCli('review', '--base', SHOP_BASE, '--head', SHOP_HEAD, '--format', 'json');
    expect(fromOutputs.stderr).toBe('');
    expect(fromOutputs.code).toBe(1);
    const [a, b] = [JSON.parse(fromOutputs.stdout), JSON.parse(direct.stdout)];
    expect(a.summary).toEqual(b.summary);
    expect(a.baseline.description).toBe(`synth output ${base.out} at ${base.sha.slice(0, 7)} (infra)`);
    const sources = a.stacks.flatMap((s: { changes: Array<{ source: { file: string } | null }> }) => s.changes.map((c) => c.source?.file)).filter(Boolean);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((file: string) => file.startsWith('infra/lib/'))).toBe(true);
  });

  it('refuses a template changed after synth, an unlisted file and a link', async () => {
    const [base, head] = [await synthShop('base'), await synthShop('head')];
    await appendFile(path.join(head.out, 'infra', 'ShopData.template.json'), ' ');
    const changed = await runCli('review', '--base', base.out, '--head', head.out);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('infra/ShopData.template.json does not match its sha256');

    await writeFile(path.join(base.out, 'infra', 'Extra.template.json'), '{}');
    expect((await runCli('review', '--base', base.out, '--head', base.out)).stderr).toContain('infra/Extra.template.json is not listed');

    const other = await synthShop('base');
    await symlink('/etc/passwd', path.join(other.out, 'infra', 'link.json'));
    expect((await runCli('review', '--base', other.out, '--head', other.out)).stderr).toContain('infra/link.json is not a regular file or folder');
  });

  it('refuses a manifest that points outside the folder', async () => {
    const run = await synthShop('base');
    const file = path.join(run.out, SYNTH_MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    manifest.apps[0].files = { '../../etc/passwd': 'a'.repeat(64) };
    await writeFile(file, JSON.stringify(manifest));
    const review = await runCli('review', '--base', run.out, '--head', run.out);
    expect(review.code).toBe(2);
    expect(review.stderr).toContain('not a valid stackguard synth manifest');
  });

  it('refuses one synth output against a plain assembly', async () => {
    const run = await synthShop('head');
    const review = await runCli('review', '--base', SHOP_BASE, '--head', run.out);
    expect(review.code).toBe(2);
    expect(review.stderr).toContain('--head is a stackguard synth output and --base is not');
  });
});
