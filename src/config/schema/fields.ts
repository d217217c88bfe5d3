/**
 * Field schemas shared by the config sections. Each carries its own error message, because the default zod
 * messages ("must match pattern /^\d{12}$/") tell a user what failed but not what to write instead.
 */

import { z } from 'zod';
import { DURATION_PATTERN, formatDuration, parseDuration } from '../duration.js';

/** A stack name, logical id or control id, with `*` as a wildcard. */
export const namePattern = z
  .string()
  .regex(/^\S+$/, { error: 'must be a name or a pattern with "*", without spaces' });

/** A resource type with `*` allowed (`AWS::RDS::*`), for allow-list matching. */
export const resourceTypePattern = z
  .string()
  .regex(/^[A-Za-z0-9_@*-]+(::[A-Za-z0-9_@*-]+)*$/, {
    error: 'must be a CloudFormation resource type such as "AWS::RDS::DBInstance" ("*" allowed)',
  });

/** An exact resource type: `AWS::S3::Bucket`, `Custom::Seeder`. */
export const resourceType = z
  .string()
  .regex(/^[A-Za-z0-9_@-]+(::[A-Za-z0-9_@-]+){1,2}$/, {
    error: 'must be a CloudFormation resource type such as "AWS::DynamoDB::Table" (no wildcards here)',
  });

/** A calendar date written YYYY-MM-DD; the regex zod uses also rejects days a month does not have. */
export const isoDate = z.iso.date({
  error: (issue) =>
    issue.input === undefined
      ? 'is required: a date written YYYY-MM-DD, such as 2026-09-30'
      : 'must be a real date written YYYY-MM-DD, such as 2026-09-30',
});

/** Required free text; `what` tells the user what to write when it is missing or empty. */
export const nonEmptyText = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : `must be text: ${what}`) })
    .trim()
    .min(1, { error: `must not be empty: ${what}` });

/** An AWS account id. YAML reads an unquoted 012345678901 as a number and drops the zero, hence the hint. */
export const accountId = z.string().regex(/^\d{12}$/, {
  error: 'must be a 12-digit AWS account id; quote it ("012345678901"), as YAML drops leading zeros of numbers',
});

export const roleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, {
  error: 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/stackguard-readonly"',
});

export const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, {
  error: 'must be an AWS region name such as "us-east-1"',
});

/** GitHub team slugs are lower case, with hyphens; "@org/team" (the CODEOWNERS form) is a common slip. */
export const teamSlug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, {
  error: 'must be a team slug such as "platform-team" (lower case, without "@org/")',
});

/**
 * For cross-field checks: run even when a field of the object already failed (zod skips them by default), so
 * one pass reports every problem. The check must then cope with fields of the wrong type.
 */
export const evenWithFieldProblems = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/** Longest synth the config may ask for; anything longer is a hang, and it holds a worker of the App. */
export const MAX_SYNTH_TIMEOUT_SECONDS = 6 * 3600;

/** Seconds as a number, or a duration string (`90s`, `10m`, `1h30m`); parsed to seconds. */
const DURATION_HINT = 'must be a number of seconds or a duration such as "90s", "10m", "1h30m"';
export const duration = z
  .union(
    [
      z.number().int({ error: DURATION_HINT }).positive({ error: 'must be more than 0 seconds' }),
      z.string().regex(DURATION_PATTERN, { error: DURATION_HINT }),
    ],
    { error: DURATION_HINT },
  )
  .transform((value, ctx) => {
    const seconds = typeof value === 'number' ? value : parseDuration(value);
    if (seconds === undefined || seconds <= 0 || seconds > MAX_SYNTH_TIMEOUT_SECONDS) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `must be more than 0 seconds and at most ${formatDuration(MAX_SYNTH_TIMEOUT_SECONDS)}`,
      });
      return z.NEVER;
    }
    return seconds;
  });

/**
 * A folder in the repository, relative to its root, written with `/`. Absolute paths and `..` are refused:
 * the App reviews a downloaded tarball and must not be pointed outside it.
 */
export const appFolder = z
  .string()
  .transform((value, ctx) => {
    const folder = value.trim().replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
    const problem = /^(\/|[A-Za-z]:|\\)/.test(folder)
      ? 'must be relative to the repository root, not absolute'
      : folder.includes('\\')
        ? 'must use "/" between folders'
        : folder.split('/').includes('..')
          ? 'must stay inside the repository (no "..")'
          : undefined;
    if (problem) {
      ctx.issues.push({ code: 'custom', input: value, message: problem });
      return z.NEVER;
    }
    return folder;
  });
