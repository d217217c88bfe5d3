/**
 * The acknowledgements recorded in stackguard's comment on a pull request, each with its signature checked against
 * the App's key. A block whose signature does not match is still read, so the report can show what it claims,
 * and every acknowledgement in it is marked tampered: never trusted, always shown. The check run's signed record
 * (src/github/publish/evidence-block.ts) holds a second copy that survives edits to the comment. Pure.
 */

import { parseStatePayload, stateBlockParts, stateSignatureMatches, type Acknowledgement } from '../github/publish/review-state.js';
import type { ReviewComment } from '../github/publish/comments.js';
import type { EvidenceAcknowledgement, PullRequestEvidence, Verification } from './schema.js';

export interface CommentRecord {
  comment: PullRequestEvidence['comment'];
  acknowledgements: EvidenceAcknowledgement[];
  /** The commit the comment's state last reviewed (trusted only when verified). */
  reviewedSha: string | undefined;
}

export function readCommentRecord(comment: ReviewComment | undefined, key: string | undefined, mergedFingerprint: string | null): CommentRecord {
  if (!comment) return { comment: { url: null, state: 'absent', note: 'no stackguard comment on the pull request' }, acknowledgements: [], reviewedSha: undefined };
  const parts = stateBlockParts(comment.body);
  if (!parts) return { comment: { url: comment.htmlUrl, state: 'absent', note: 'the comment has no state block' }, acknowledgements: [], reviewedSha: undefined };
  const verification: Verification = key === undefined ? 'unverifiable' : stateSignatureMatches(parts, key) ? 'verified' : 'tampered';
  const state = parseStatePayload(parts.payload);
  const note =
    verification === 'tampered'
      ? 'the state block\'s signature does not match: it was edited by someone other than the App, or the App\'s key changed'
      : verification === 'unverifiable'
        ? 'no key was given (STACKGUARD_STATE_KEY), so the signature could not be checked'
        : state
          ? null
          : 'the signed state has a shape this version does not know';
  const acknowledgements = (state?.acks ?? []).map((ack) => asEvidence(ack, verification, 'comment', mergedFingerprint));
  return { comment: { url: comment.htmlUrl, state: verification, note }, acknowledgements, reviewedSha: verification === 'verified' ? state?.sha : undefined };
}

/**
 * The comment's acknowledgements joined with those in the check run's verified evidence record. An
 * acknowledgement found in the run is the App's own record, so it is verified even when the comment's copy is not.
 */
export function withRunAcknowledgements(fromComment: readonly EvidenceAcknowledgement[], fromRun: readonly Acknowledgement[], mergedFingerprint: string | null): EvidenceAcknowledgement[] {
  const key = (ack: Pick<Acknowledgement, 'by' | 'at' | 'fingerprint' | 'sha'>) => `${ack.by}|${ack.at}|${ack.fingerprint}|${ack.sha}`;
  const inRun = new Map(fromRun.map((ack) => [key(ack), ack]));
  // Verified from the App's own copy: an edited comment may carry the same keys with another reason or permission.
  const joined = fromComment.map((ack) => {
    const own = inRun.get(key(ack));
    return own ? { ...asEvidence(own, 'verified', 'check-run', mergedFingerprint), recordedIn: ['comment' as const, 'check-run' as const] } : ack;
  });
  const seen = new Set(fromComment.map(key));
  for (const ack of fromRun) {
    if (seen.has(key(ack))) continue;
    seen.add(key(ack));
    joined.push(asEvidence(ack, 'verified', 'check-run', mergedFingerprint));
  }
  return joined.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function asEvidence(ack: Acknowledgement, verification: Verification, recordedIn: 'comment' | 'check-run', mergedFingerprint: string | null): EvidenceAcknowledgement {
  const { by, reason, at, fingerprint, sha } = ack;
  const coversMergedChanges = mergedFingerprint !== null && fingerprint === mergedFingerprint;
  return { by, permission: ack.permission ?? null, reason, at, fingerprint, sha, verification, coversMergedChanges, recordedIn: [recordedIn] };
}
