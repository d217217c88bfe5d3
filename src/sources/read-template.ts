import { StackguardInputError } from '../errors.js';
import type { CfnResource, CfnTemplate } from '../core/template.js';
import { isJsonObject, readJsonFile } from './read-json.js';

/** Top-level sections of a CloudFormation template besides `Resources`. */
const TEMPLATE_SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Outputs',
  'Hooks',
];

/**
 * Reads a CloudFormation template and checks the shape the core relies on: an object whose `Resources` map
 * logical ids to objects with a string `Type`.
 *
 * A template with other template sections but no `Resources` is accepted: aws-cdk-lib writes exactly that for a
 * stack that has no resources left (only the bootstrap-version parameter and rule), which is what the head side
 * of a pull request that removes every resource of a stack looks like. A JSON file with neither is rejected.
 */
export async function readTemplate(file: string, step: string): Promise<CfnTemplate> {
  const json = await readJsonFile(file, step, 'template');
  if (!isJsonObject(json)) {
    throw new StackguardInputError(`${file} is not a CloudFormation template: expected a JSON object.`, step);
  }
  const resources = json.Resources;
  if (resources === undefined) {
    if (!TEMPLATE_SECTIONS.some((section) => section in json)) {
      throw new StackguardInputError(
        `${file} has no Resources section: it does not look like a CloudFormation template.`,
        step,
      );
    }
    return json as CfnTemplate;
  }
  if (!isJsonObject(resources)) {
    throw new StackguardInputError(`${file}: Resources must be an object of logical id → resource.`, step);
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isResource(resource)) {
      throw new StackguardInputError(`${file}: resource ${logicalId} needs a string Type and, if present, an object of Properties.`, step);
    }
  }
  return json as CfnTemplate;
}

function isResource(value: unknown): value is CfnResource {
  return isJsonObject(value) && typeof value.Type === 'string' && (value.Properties === undefined || isJsonObject(value.Properties));
}
