/**
 * The evidence report of `stackguard evidence --format json`: every pull request merged into the default branch in
 * a period, what stackguard's check said about it, who acknowledged what, and the accepted-risk register. The zod
 * schema is the single source: the types are inferred from it, docs/evidence-schema.json is generated from it
 * (scripts/generate-evidence-schema.ts) and the tests validate real output against it. Add fields; never rename.
 */

import { z } from 'zod';
import { ACTIONS, DOWNTIMES, SEVERITIES } from '../core/report.js';

export const EXCEPTION_KINDS = [
  'no-check',
  'check-not-passing',
  'check-on-other-commit',
  'passed-after-merge',
  'unverified-record',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const OUTCOMES = ['passed', 'acknowledged', 'exception', 'not-infrastructure'] as const;

export const VERIFICATIONS = ['verified', 'tampered', 'unverifiable'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

const exceptionSchema = z.object({
  kind: z.enum(EXCEPTION_KINDS).describe('no-check, check-not-passing, check-on-other-commit, passed-after-merge, unverified-record'),
  detail: z.string().describe('What happened, in a sentence an auditor can check against GitHub'),
});

const checkSchema = z
  .object({
    id: z.number().int(),
    url: z.string().nullable(),
    app: z.string().nullable().describe('Slug of the GitHub App that created the check run'),
    headSha: z.string(),
    status: z.string().describe('queued, in_progress or completed'),
    conclusion: z.string().nullable().describe('success, failure, action_required, neutral, cancelled, …; null while running'),
    completedAt: z.string().nullable(),
    record: z.enum(VERIFICATIONS).or(z.literal('absent')).describe('The signed evidence block of the run: verified, tampered, unverifiable (no key) or absent (older App)'),
  })
  .describe("stackguard's check run for the merged head commit");

const blockingSchema = z.object({
  stack: z.string(),
  resource: z.string().describe('Logical id (for a blocking control change: the resource it is evaluated on)'),
  resourceType: z.string().describe('CloudFormation type, or the control id for a blocking control change'),
  action: z.enum(ACTIONS).or(z.literal('control')),
  downtime: z.enum(DOWNTIMES).nullable(),
  policy: z.array(z.string()).describe('The policy lines that made it blocking'),
});

const regressionSchema = z.object({
  stack: z.string(),
  resource: z.string(),
  controlId: z.string().describe('AWS Security Hub control id'),
  severity: z.enum(SEVERITIES),
  soc2: z.array(z.string()).describe('SOC 2 criteria of the control'),
  accepted: z.boolean().describe('Covered by an accepted risk of the config at review time'),
});

const acknowledgementSchema = z.object({
  by: z.string(),
  permission: z.string().nullable().describe('Repository role GitHub reported when the App checked; null in records older than this field'),
  reason: z.string().describe('Why the App allowed it, as recorded'),
  at: z.string(),
  fingerprint: z.string().describe('Fingerprint of the blocking changes acknowledged'),
  sha: z.string().describe('Commit whose check run was acknowledged'),
  verification: z.enum(VERIFICATIONS).describe('verified: the HMAC matches; tampered: it does not; unverifiable: no key given'),
  coversMergedChanges: z.boolean().describe('Its fingerprint is the fingerprint of the merged commit\'s blocking changes'),
  recordedIn: z.array(z.enum(['comment', 'check-run'])).describe("Where it was found: the comment's state block, the check run's evidence record, or both"),
});
export type EvidenceAcknowledgement = z.infer<typeof acknowledgementSchema>;

export const pullRequestEvidenceSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  url: z.string(),
  author: z.string().nullable(),
  mergedBy: z.string().nullable(),
  mergedAt: z.string(),
  headSha: z.string().describe('The head commit that was merged'),
  mergeCommitSha: z.string().nullable(),
  changedApp: z.boolean().describe('Changed a file inside a CDK app folder (see docs/evidence.md)'),
  appFiles: z.array(z.string()).describe('Changed files inside app folders (first 20)'),
  outcome: z.enum(OUTCOMES),
  check: checkSchema.nullable(),
  fingerprint: z.string().nullable().describe('Fingerprint of the merged commit\'s blocking changes; null when nothing blocked or unknown'),
  totals: z.object({ changes: z.number(), blocking: z.number(), regressions: z.number() }).nullable().describe('Null when no verified record says'),
  blocking: z.array(blockingSchema),
  regressions: z.array(regressionSchema),
  acknowledgements: z.array(acknowledgementSchema),
  comment: z
    .object({ url: z.string().nullable(), state: z.enum(VERIFICATIONS).or(z.literal('absent')), note: z.string().nullable() })
    .describe("stackguard's pull request comment and its signed state block"),
  exceptions: z.array(exceptionSchema),
});
export type PullRequestEvidence = z.infer<typeof pullRequestEvidenceSchema>;

export const registerEventSchema = z.object({
  change: z.enum(['added', 'changed', 'removed']),
  commit: z.string(),
  author: z.string().nullable(),
  date: z.string(),
});

export const registerEntrySchema = z.object({
  kind: z.enum(['acceptedRisk', 'allow']),
  identity: z.string().describe('What the entry matches: control/stack/resource, or stack/logicalId/type'),
  rationale: z.string().describe('acceptedRisks: rationale; allow: reason'),
  owner: z.string().nullable(),
  expires: z.string().nullable(),
  expired: z.boolean().describe('Its expiry day is before the end of the period'),
  inForceAtEnd: z.boolean().describe('Present in the config at the end of the period'),
  events: z.array(registerEventSchema).describe('Oldest first'),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

export const evidenceReportSchema = z.object({
  schemaVersion: z.literal(1),
  repository: z.string(),
  defaultBranch: z.string(),
  period: z.object({ since: z.string(), until: z.string() }).describe('Merged at or after since, before until (UTC)'),
  generatedAt: z.string(),
  generator: z.object({ name: z.literal('stackguard'), version: z.string() }),
  source: z.object({
    apiUrl: z.string(),
    checkAppId: z.number().int().nullable().describe('Only check runs of this App counted; null: any App\'s run named stackguard'),
    keyGiven: z.boolean().describe('Whether a key was given to verify signatures'),
    appFolders: z.array(z.string()),
    appFoldersFrom: z.enum(['config', 'cdk.json']),
  }),
  totals: z.object({
    merged: z.number().int(),
    changedApp: z.number().int(),
    passed: z.number().int(),
    acknowledged: z.number().int(),
    exceptions: z.number().int().describe('Pull requests with at least one exception'),
  }),
  pullRequests: z.array(pullRequestEvidenceSchema).describe('Exceptions first, then by merge time'),
  register: z.array(registerEntrySchema).describe('Accepted risks and allow entries from the config history'),
  notes: z.array(z.string()),
});
export type EvidenceReport = z.infer<typeof evidenceReportSchema>;
