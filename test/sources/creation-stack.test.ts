import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceResolver, frameLocation } from '../../src/sources/creation-stack.js';
import { FIXTURES } from './helpers.js';

const APP_DIR = path.join(FIXTURES, 'apps', 'staged-app');

describe('frameLocation', () => {
  it('reads the frame shapes aws-cdk-lib writes', () => {
    expect(frameLocation('new DataStack (/app/lib/data-stack.ts:9:5)')).toEqual({ file: '/app/lib/data-stack.ts', line: 9 });
    expect(frameLocation('<anonymous> (/app/bin/app.ts:4:1)')).toEqual({ file: '/app/bin/app.ts', line: 4 });
    // A top-level ESM frame: location first, empty parentheses after.
    expect(frameLocation('file:///app/app.mjs:21 (:)')).toEqual({ file: '/app/app.mjs', line: 21 });
    expect(frameLocation('new DataStack (file:///app/app.mjs:8:5)')).toEqual({ file: '/app/app.mjs', line: 8 });
    // Older aws-cdk-lib kept V8's "at".
    expect(frameLocation('at Object.<anonymous> (/app/bin/app.js:7:1)')).toEqual({ file: '/app/bin/app.js', line: 7 });
    // Frames made repository-relative for committing.
    expect(frameLocation('new DataStack (examples/shop/lib/data.ts:20:5)')).toEqual({
      file: 'examples/shop/lib/data.ts',
      line: 20,
    });
  });

  it('ignores the markers that stand for folded library frames', () => {
    expect(frameLocation('...new Bucket2 in aws-cdk-lib...')).toBeNull();
    expect(frameLocation('...node internals, tsx...')).toBeNull();
    expect(frameLocation('(no user code in 10 frames, use --stack-trace-limit to capture more)')).toBeNull();
    expect(frameLocation('Array.forEach (:)')).toBeNull();
  });
});

describe('createSourceResolver', () => {
  const resolve = createSourceResolver(APP_DIR);

  it('takes the first frame inside the app folder, relative to it', () => {
    expect(
      resolve([
        '...new Bucket2 in aws-cdk-lib...',
        `new DataStack (${APP_DIR}/lib/data-stack.ts:9:5)`,
        `<anonymous> (${APP_DIR}/bin/app.ts:9:1)`,
      ]),
    ).toEqual({ file: 'lib/data-stack.ts', line: 9 });
  });

  it('skips frames under node_modules, in node internals, and outside the app folder', () => {
    expect(
      resolve([
        `new Bucket (${APP_DIR}/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:300)`,
        'Module._compile (node:internal/modules/cjs/loader:1254:14)',
        'new Shared (/opt/shared-constructs/src/shared.ts:3:1)',
        `<anonymous> (${APP_DIR}/bin/app.ts:9:1)`,
      ]),
    ).toEqual({ file: 'bin/app.ts', line: 9 });
  });

  it('skips a Python virtualenv inside the app folder (jsii host frames)', () => {
    expect(
      resolve([
        `__init__ (${APP_DIR}/.venv/lib/python3.12/site-packages/aws_cdk/aws_s3/__init__.py:2100)`,
        `__init__ (${APP_DIR}/lib/data-stack.ts:9)`,
      ]),
    ).toEqual({ file: 'lib/data-stack.ts', line: 9 });
  });

  it('re-roots a frame from another checkout onto the file that exists in the app folder', () => {
    expect(resolve(['new DataStack (/home/ci/work/shop/lib/data-stack.ts:9:5)'])).toEqual({
      file: 'lib/data-stack.ts',
      line: 9,
    });
  });

  it('takes relative frames relative to the current directory', () => {
    const relative = path.relative(process.cwd(), path.join(APP_DIR, 'lib', 'edge-stack.ts'));
    expect(resolve([`new EdgeStack (${relative}:8:5)`])).toEqual({ file: 'lib/edge-stack.ts', line: 8 });
  });

  it('is null without a trace or without a frame of user code', () => {
    expect(resolve(undefined)).toBeNull();
    expect(resolve(['...aws-cdk-lib...', '(no user code in 10 frames, use --stack-trace-limit to capture more)'])).toBeNull();
  });
});
