/**
 * What the App remembers about a pull request, kept in GitHub itself: a hidden block at the end of its comment.
 * It holds the last reviewed SHA and fingerprint and the acknowledgements given so far, so the App needs no
 * database and a restart loses nothing.
 *
 * The block is signed (HMAC-SHA256 with a key only the App holds). Anyone with write access to a repository can
 * edit any comment in it, including the App's; without the signature such a user could write an
 * acknowledgement that the configured `acknowledge` permission would have refused. A block whose signature does
 * not match is ignored.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { REPOSITORY_ROLES } from '../../config/acknowledge.js';

export const acknowledgementSchema = z.object({
  by: z.string(),
  at: z.string(),
  fingerprint: z.string(),
  sha: z.string(),
  /** Why the user was allowed, from `canAcknowledge`: shown in the comment, kept for the audit trail. */
  reason: z.string(),
  /**
   * The repository role GitHub reported for the user when the acknowledgement was checked. Absent in records
   * written before it was kept (the reason still says it in words).
   */
  permission: z.enum(REPOSITORY_ROLES).optional(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

const stateSchema = z.object({
  version: z.literal(1),
  sha: z.string(),
  fingerprint: z.string().nullable(),
  acks: z.array(acknowledgementSchema),
});
export type ReviewState = z.infer<typeof stateSchema>;

/** Acknowledgements kept in the state; the oldest go first. A PR pushed a hundred times does not grow a huge comment. */
export const MAX_ACKNOWLEDGEMENTS = 20;

const STATE_DOMAIN = 'stackguard-state';
const PATTERN = /<!-- stackguard:state ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+) -->/;

export function emptyState(sha: string): ReviewState {
  return { version: 1, sha, fingerprint: null, acks: [] };
}

export function encodeState(state: ReviewState, key: string): string {
  const kept = { ...state, acks: state.acks.slice(-MAX_ACKNOWLEDGEMENTS) };
  // base64url keeps `--` and `>` (which would end the HTML comment) out of the block.
  const payload = Buffer.from(JSON.stringify(kept)).toString('base64url');
  return `<!-- stackguard:state ${payload}.${signBlock(STATE_DOMAIN, payload, key)} -->`;
}

export type DecodedState =
  | { status: 'valid'; state: ReviewState }
  | { status: 'absent' }
  | { status: 'invalid'; reason: string };

/** The raw parts of the state block, signature not checked (`stackguard evidence` shows what a bad block claims). */
export function stateBlockParts(body: string): { payload: string; signature: string } | undefined {
  const match = PATTERN.exec(body);
  return match ? { payload: match[1] ?? '', signature: match[2] ?? '' } : undefined;
}

/** Whether a block's signature is the App's. */
export function stateSignatureMatches(parts: { payload: string; signature: string }, key: string): boolean {
  return signatureMatches(STATE_DOMAIN, parts.payload, parts.signature, key);
}

/** The state's shape, for a payload whose signature was checked elsewhere (or is being shown as untrusted). */
export function parseStatePayload(payload: string): ReviewState | undefined {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function decodeState(body: string, key: string): DecodedState {
  const parts = stateBlockParts(body);
  if (!parts) return { status: 'absent' };
  if (!stateSignatureMatches(parts, key)) {
    return { status: 'invalid', reason: 'the signature does not match (edited by someone other than the App, or the App key changed)' };
  }
  const state = parseStatePayload(parts.payload);
  return state ? { status: 'valid', state } : { status: 'invalid', reason: 'unknown state shape' };
}

export function acknowledgementFor(state: ReviewState, fingerprint: string | null): Acknowledgement | undefined {
  if (fingerprint === null) return undefined;
  return [...state.acks].reverse().find((ack) => ack.fingerprint === fingerprint);
}

/** HMAC-SHA256 of a block's payload; the domain keeps a signature of one kind of block from passing for another. */
export function signBlock(domain: string, payload: string, key: string): string {
  return createHmac('sha256', key).update(`${domain}:${payload}`).digest('base64url');
}

export function signatureMatches(domain: string, payload: string, signature: string, key: string): boolean {
  const expected = Buffer.from(signBlock(domain, payload, key));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
