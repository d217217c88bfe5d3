import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAppDir, loadSide } from '../../src/sources/load-side.js';
import { FIXTURES, removeTempDirs, tempDir, writeFolder } from './helpers.js';

const APP_DIR = path.join(FIXTURES, 'apps', 'staged-app');
const REPO_RELATIVE_APP = path.relative(process.cwd(), APP_DIR).split(path.sep).join('/');

afterEach(removeTempDirs);

describe('loadSide on assemblies of other shapes', () => {
  it('reads an older assembly: inline metadata, traces on logical-id entries, another machine’s paths', async () => {
    const side = await loadSide(path.join(FIXTURES, 'legacy-assembly'), { appDir: APP_DIR });
    expect(side.stacks.map((s) => [s.stackName, s.displayName, s.environment])).toEqual([['Legacy', 'Legacy', null]]);
    expect(side.stacks[0]?.origins).toEqual({
      // /home/dev/shop/lib/data-stack.ts is re-rooted onto the app folder's lib/data-stack.ts.
      OrdersA9B65338: { constructPath: 'Legacy/Orders/Resource', source: { file: 'lib/data-stack.ts', line: 9 } },
      // Only library and node frames: no source.
      Queue4A7E3555: { constructPath: 'Legacy/Queue/Resource', source: null },
      // No manifest entry: the path comes from the template's aws:cdk:path.
      NotInManifest: { constructPath: 'Legacy/Topic/Resource', source: null },
    });
  });

  it('reads a committed assembly whose frames were made repository-relative', async () => {
    // GIVEN an assembly as scripts/synth-examples.ts commits it: metadata file, frames relative to the repo root
    const dir = await writeFolder({
      'manifest.json': {
        version: '55.0.0',
        artifacts: {
          Shop: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://222222222222/us-east-1',
            properties: { templateFile: 'Shop.template.json', stackName: 'shop-prod' },
            additionalMetadataFile: 'Shop.metadata.json',
          },
        },
      },
      'Shop.template.json': { Resources: { OrdersA9B65338: { Type: 'AWS::S3::Bucket' } } },
      'Shop.metadata.json': {
        '/Shop': [{ type: 'aws:cdk:templateFile', data: 'Shop.template.json' }],
        '/Shop/Orders/Resource': [
          { type: 'aws:cdk:logicalId', data: 'OrdersA9B65338' },
          {
            type: 'aws:cdk:creationStack',
            data: ['...new Bucket2 in aws-cdk-lib...', `new DataStack (${REPO_RELATIVE_APP}/lib/data-stack.ts:9:5)`],
          },
        ],
      },
    });
    // WHEN it is read from the repository root without an app folder, and with the app's folder
    const fromRoot = await loadSide(dir);
    const fromApp = await loadSide(dir, { appDir: APP_DIR });
    // THEN files are repository-relative, or app-relative
    expect(fromRoot.stacks[0]?.stackName).toBe('shop-prod');
    expect(fromRoot.stacks[0]?.environment).toEqual({ account: '222222222222', region: 'us-east-1' });
    expect(fromRoot.stacks[0]?.origins.OrdersA9B65338?.source).toEqual({
      file: `${REPO_RELATIVE_APP}/lib/data-stack.ts`,
      line: 9,
    });
    expect(fromApp.stacks[0]?.origins.OrdersA9B65338?.source).toEqual({ file: 'lib/data-stack.ts', line: 9 });
  });
});

describe('defaultAppDir', () => {
  it('is the folder holding the assembly when it has a cdk.json, else the current directory', async () => {
    const app = await writeFolder({ 'cdk.json': { app: 'node app.js' } });
    expect(defaultAppDir(path.join(app, 'cdk.out'))).toBe(app);
    const elsewhere = await tempDir();
    expect(defaultAppDir(path.join(elsewhere, 'cdk.out'))).toBe(process.cwd());
  });
});
