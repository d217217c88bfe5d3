/**
 * Parses a template body as CloudFormation returns it from GetTemplate: JSON, or YAML with the short-form
 * intrinsic functions (`!Ref Bucket`, `!GetAtt Role.Arn`, `!Sub '${AWS::StackName}-x'`, `!If [...]`) turned into
 * their long form (`{ "Ref": "Bucket" }`, `{ "Fn::GetAtt": ["Role", "Arn"] }`…), so the core sees what it sees for a
 * synthesized template. YAML is read with the core schema: `Version: 2012-10-17` stays a string, as CloudFormation
 * reads it.
 */

import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CfnTemplate } from '../core/template.js';
import { StackguardInputError } from '../errors.js';

/** Short forms that become `Fn::<Name>`; `!Ref`, `!Condition` and `!GetAtt` are special-cased below. */
const FUNCTIONS = [
  'And', 'Base64', 'Cidr', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'Equals', 'FindInMap', 'GetAZs', 'If',
  'ImportValue', 'Join', 'Length', 'Not', 'Or', 'RefAll', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
  'ValueOf', 'ValueOfAll',
];

type Tag = ScalarTag | CollectionTag;

function tagsFor(name: string, key: string, scalar: (value: string) => unknown = (value) => value): Tag[] {
  const fromCollection = (node: YAMLMap | YAMLSeq) => ({ [key]: node.toJSON() });
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: scalar(value) }) },
    { tag: `!${name}`, collection: 'seq', resolve: fromCollection } as CollectionTag,
    { tag: `!${name}`, collection: 'map', resolve: fromCollection } as CollectionTag,
  ];
}

/** `!GetAtt Role.Arn` is `["Role", "Arn"]`; only the first dot separates (`Db.Endpoint.Address`). */
function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

export const CLOUDFORMATION_TAGS: Tag[] = [
  ...tagsFor('Ref', 'Ref'),
  ...tagsFor('Condition', 'Condition'),
  ...tagsFor('GetAtt', 'Fn::GetAtt', splitGetAtt),
  ...FUNCTIONS.flatMap((name) => tagsFor(name, `Fn::${name}`)),
];

export function parseTemplateBody(body: string, source: string): CfnTemplate {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      return asTemplate(JSON.parse(text), source);
    } catch (error) {
      if (error instanceof StackguardInputError) throw error;
      throw new StackguardInputError(`The template of ${source} is not valid JSON: ${(error as Error).message}`, 'read deployed stacks');
    }
  }
  const doc = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, prettyErrors: false });
  // An unknown tag is only a warning to the yaml library, and would silently become a string: refuse it.
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message.split('\n')[0]);
  if (problems.length > 0) {
    throw new StackguardInputError(`The template of ${source} is not valid CloudFormation YAML.`, 'read deployed stacks', problems.join('\n'));
  }
  return asTemplate(doc.toJS(), source);
}

function asTemplate(value: unknown, source: string): CfnTemplate {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StackguardInputError(`The template of ${source} is not a JSON or YAML object.`, 'read deployed stacks');
  }
  return value as CfnTemplate;
}
