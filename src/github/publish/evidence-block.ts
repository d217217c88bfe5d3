/**
 * A compact, machine-readable record of what a review found, kept in the check run's summary as a hidden,
 * signed block: `<!-- stackguard:evidence PAYLOAD.SIGNATURE -->`. `stackguard evidence` reads it back for every
 * merged pull request, so the audit report names the blocking changes and control regressions without parsing
 * text meant for people.
 *
 * Why the check run: only the App that created a check run can change it, and GitHub keeps it with the commit
 * (a comment can be edited or deleted by anyone with write access). Why signed (the same HMAC key as the comment's
 * state block): any App or workflow may create a check run *named* stackguard; the signature shows this one was
 * written by the holder of the key. An acknowledgement is added to the block when it turns the run green, so the
 * record of who acknowledged survives a comment that was edited or deleted. The block sits at the start of the summary so GitHub's length limit, which
 * cuts the end, never cuts it.
 */

import { z } from 'zod';
import { DOWNTIMES, ACTIONS, SEVERITIES, type ReviewReport } from '../../core/report.js';
import type { CheckResult } from './check-output.js';
import { acknowledgementSchema, MAX_ACKNOWLEDGEMENTS, signatureMatches, signBlock, type Acknowledgement } from './review-state.js';

/** Entries kept per list; the totals say how many there were. Keeps the block far below the summary limit. */
export const MAX_EVIDENCE_ENTRIES = 50;

export const evidenceBlockSchema = z.object({
  version: z.literal(1),
  sha: z.string(),
  fingerprint: z.string().nullable(),
  totals: z.object({ changes: z.number(), blocking: z.number(), regressions: z.number() }),
  blocking: z.array(
    z.object({
      stack: z.string(),
      resource: z.string(),
      type: z.string(),
      action: z.enum(ACTIONS).or(z.literal('control')),
      downtime: z.enum(DOWNTIMES).nullable(),
      policy: z.array(z.string()),
    }),
  ),
  regressions: z.array(
    z.object({
      stack: z.string(),
      resource: z.string(),
      control: z.string(),
      severity: z.enum(SEVERITIES),
      soc2: z.array(z.string()),
      accepted: z.boolean(),
    }),
  ),
  /** Acknowledgements of this run, added when it turns green: a copy that survives edits to the comment. */
  acks: z.array(acknowledgementSchema).optional(),
});
export type EvidenceBlock = z.infer<typeof evidenceBlockSchema>;

const DOMAIN = 'stackguard-evidence';
const PATTERN = /<!-- stackguard:evidence ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+) -->/;

export function evidenceBlock(report: ReviewReport, sha: string, fingerprint: string | null): EvidenceBlock {
  const blocking: EvidenceBlock['blocking'] = [];
  const regressions: EvidenceBlock['regressions'] = [];
  const policy = (causes: Array<{ policy: string; detail: string }>) => causes.map((cause) => `${cause.policy}: ${cause.detail}`);
  for (const stack of report.stacks) {
    for (const change of stack.changes) {
      if (change.blocking) {
        blocking.push({ stack: stack.stackName, resource: change.logicalId, type: change.resourceType, action: change.action, downtime: change.downtime, policy: policy(change.blockedBy) });
      }
      for (const control of change.controls) {
        if (control.effect !== 'regression') continue;
        regressions.push({ stack: stack.stackName, resource: control.resource, control: control.controlId, severity: control.severity, soc2: control.soc2, accepted: control.accepted !== undefined });
      }
    }
  }
  for (const control of report.posture.unattached) {
    if (control.blocking) {
      blocking.push({ stack: control.stackName, resource: control.resource, type: control.controlId, action: 'control', downtime: null, policy: policy(control.blockedBy) });
    }
    if (control.effect === 'regression') {
      regressions.push({ stack: control.stackName, resource: control.resource, control: control.controlId, severity: control.severity, soc2: control.soc2, accepted: control.accepted !== undefined });
    }
  }
  return {
    version: 1,
    sha,
    fingerprint,
    totals: { changes: report.summary.changes, blocking: blocking.length, regressions: regressions.length },
    blocking: blocking.slice(0, MAX_EVIDENCE_ENTRIES),
    regressions: regressions.slice(0, MAX_EVIDENCE_ENTRIES),
  };
}

export function encodeEvidenceBlock(block: EvidenceBlock, key: string): string {
  const payload = Buffer.from(JSON.stringify(block)).toString('base64url');
  return `<!-- stackguard:evidence ${payload}.${signBlock(DOMAIN, payload, key)} -->`;
}

export type DecodedEvidenceBlock =
  | { status: 'valid'; block: EvidenceBlock }
  | { status: 'absent' }
  /** No key was given to check the signature with. */
  | { status: 'unverifiable' }
  | { status: 'tampered'; reason: string };

export function decodeEvidenceBlock(text: string, key: string | undefined): DecodedEvidenceBlock {
  const match = PATTERN.exec(text);
  if (!match) return { status: 'absent' };
  const [, payload = '', signature = ''] = match;
  if (key === undefined) return { status: 'unverifiable' };
  if (!signatureMatches(DOMAIN, payload, signature, key)) return { status: 'tampered', reason: 'the signature does not match' };
  try {
    const parsed = evidenceBlockSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? { status: 'valid', block: parsed.data } : { status: 'tampered', reason: 'unknown evidence shape' };
  } catch {
    return { status: 'tampered', reason: 'not JSON' };
  }
}

/**
 * The check result with the signed block in front of its summary (a review only: other outcomes have no changes),
 * holding the acknowledgement the check passes on, if any (one given on an earlier push of the same changes).
 */
export function withEvidenceBlock(result: CheckResult, report: ReviewReport | undefined, sha: string, key: string, ack?: Acknowledgement): CheckResult {
  if (report === undefined) return result;
  const block = { ...evidenceBlock(report, sha, result.fingerprint), ...(ack ? { acks: [ack] } : {}) };
  return { ...result, summary: `${encodeEvidenceBlock(block, key)}\n\n${result.summary}` };
}

/** The summary with the acknowledgement added to its block; unchanged when it has no block the key verifies. */
export function recordAcknowledgement(summary: string, ack: Acknowledgement, key: string): string {
  const decoded = decodeEvidenceBlock(summary, key);
  if (decoded.status !== 'valid') return summary;
  const acks = [...(decoded.block.acks ?? []), ack].slice(-MAX_ACKNOWLEDGEMENTS);
  return summary.replace(PATTERN, encodeEvidenceBlock({ ...decoded.block, acks }, key));
}
