import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSide } from '../../src/sources/load-side.js';
import { FIXTURES, inputError, removeTempDirs, writeFolder } from './helpers.js';

const TEMPLATES = path.join(FIXTURES, 'templates');

describe('loadSide on a folder of templates', () => {
  it('reads each top-level template as a stack named after its file', async () => {
    const side = await loadSide(TEMPLATES);
    expect(side.kind).toBe('templates');
    expect(side.description).toBe(`templates in ${TEMPLATES}`);
    expect(side.stacks.map((s) => [s.stackName, s.displayName, s.environment])).toEqual([
      ['Api', 'Api', null],
      ['Data', 'Data', null],
    ]);
  });

  it('takes construct paths from the template metadata; sources are unknown without an assembly', async () => {
    const [api] = (await loadSide(TEMPLATES)).stacks;
    expect(api?.origins).toEqual({
      Handler886CB40B: { constructPath: 'Api/Handler/Resource', source: null },
      HandWritten: { constructPath: null, source: null },
    });
  });

  it('reaches nested templates only through the parent that names them', async () => {
    const data = (await loadSide(TEMPLATES)).stacks[1];
    // The nested stack with an external TemplateURL has no template here and is not loaded.
    expect(data?.nested.map((n) => n.logicalId)).toEqual(['SearchNestedStackSearchNestedStackResource4F7AF5B3']);
    const search = data?.nested[0]?.stack;
    expect(search?.stackName).toBe('Data/SearchNestedStackSearchNestedStackResource4F7AF5B3');
    expect(search?.displayName).toBe('Data/SearchNestedStackSearchNestedStackResource4F7AF5B3');
    expect(search?.origins.Domain66AC69E0?.constructPath).toBe('Data/Search/Domain/Resource');
  });
});

describe('loadSide errors', () => {
  afterEach(removeTempDirs);

  it('names a path that does not exist, or that is a file', async () => {
    const missing = path.join(FIXTURES, 'no-such-folder');
    expect((await inputError(loadSide(missing), 'read input')).message).toBe(`${missing} does not exist.`);
    const file = path.join(TEMPLATES, 'Api.template.json');
    expect((await inputError(loadSide(file), 'read input')).message).toContain('is a file');
  });

  it('rejects a folder with neither a manifest nor top-level templates', async () => {
    const dir = await writeFolder({ 'Only.nested.template.json': { Resources: {} }, 'notes.txt': 'x' });
    const error = await inputError(loadSide(dir), 'read input');
    expect(error.message).toBe(`${dir} has neither a manifest.json (a cloud assembly) nor any *.template.json file.`);
  });

  it('names the file and position of malformed JSON', async () => {
    const dir = await writeFolder({ 'Broken.template.json': '{\n  "Resources": {\n    "A": { "Type": "X" },\n  }\n}' });
    const error = await inputError(loadSide(dir), 'read templates');
    expect(error.message).toMatch(/^\S+Broken\.template\.json is not valid JSON at line 4, column 3: /);

    const truncated = await writeFolder({ 'Cut.template.json': '{\n  "Resources":' });
    expect((await inputError(loadSide(truncated), 'read templates')).message).toMatch(
      /Cut\.template\.json is not valid JSON \(it ends early, at line 2\)/,
    );
  });

  it('rejects a JSON file that is not a template, but accepts a stack with no resources left', async () => {
    const notTemplate = await writeFolder({ 'Package.template.json': { name: 'not-a-template' } });
    expect((await inputError(loadSide(notTemplate), 'read templates')).message).toContain(
      'has no Resources section: it does not look like a CloudFormation template',
    );

    const noType = await writeFolder({ 'Bad.template.json': { Resources: { Thing: { Properties: {} } } } });
    expect((await inputError(loadSide(noType), 'read templates')).message).toContain('resource Thing needs a string Type');

    // What aws-cdk-lib writes for a stack whose every resource was removed.
    const empty = await writeFolder({ 'Empty.template.json': { Parameters: { BootstrapVersion: { Type: 'String' } } } });
    const [stack] = (await loadSide(empty)).stacks;
    expect(stack?.origins).toEqual({});
  });

  it('names a nested template that is referenced but missing', async () => {
    const dir = await writeFolder({
      'Parent.template.json': {
        Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'Gone.nested.template.json' } } },
      },
    });
    const error = await inputError(loadSide(dir), 'read templates');
    expect(error.message).toBe(
      `The nested stack Parent/Child names its template Gone.nested.template.json, but ${path.join(dir, 'Gone.nested.template.json')} does not exist.`,
    );
  });

  it('rejects an unreadable or invalid manifest', async () => {
    const malformed = await writeFolder({ 'manifest.json': '{"version": "55.0.0",' });
    expect((await inputError(loadSide(malformed), 'read assembly')).message).toMatch(
      /manifest\.json is not valid JSON at line 1, column 22: /,
    );

    const invalid = await writeFolder({ 'manifest.json': { version: 55, artifacts: [] } });
    const error = await inputError(loadSide(invalid), 'read assembly');
    expect(error.message).toBe(`${path.join(invalid, 'manifest.json')} is not a valid cloud assembly manifest.`);
    expect(error.details).toContain('version: Invalid input: expected string');

    const noTemplate = await writeFolder({
      'manifest.json': { version: '55.0.0', artifacts: { Api: { type: 'aws:cloudformation:stack' } } },
    });
    expect((await inputError(loadSide(noTemplate), 'read assembly')).message).toContain(
      'stack artifact Api has no properties.templateFile',
    );
  });

  it('names a template or metadata file the manifest lists but the folder lacks', async () => {
    const manifest = (artifact: Record<string, unknown>) => ({
      version: '55.0.0',
      artifacts: { Api: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Api.template.json' }, ...artifact } },
    });
    const noTemplate = await writeFolder({ 'manifest.json': manifest({}) });
    expect((await inputError(loadSide(noTemplate), 'read assembly')).message).toBe(
      `The template ${path.join(noTemplate, 'Api.template.json')} does not exist.`,
    );

    const noMetadata = await writeFolder({
      'manifest.json': manifest({ additionalMetadataFile: 'Api.metadata.json' }),
      'Api.template.json': { Resources: {} },
    });
    expect((await inputError(loadSide(noMetadata), 'read assembly')).message).toBe(
      `The stack metadata file ${path.join(noMetadata, 'Api.metadata.json')} does not exist.`,
    );
  });
});
