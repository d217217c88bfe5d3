/**
 * The durable record of accepted reviews. A review is recorded when its check run is created and forgotten once
 * the check run is concluded, so whatever is recorded at start was queued or running when the App stopped (or
 * died) and is resumed (resume.ts). One record per pull request: a newer push replaces the record of the older
 * one, as it supersedes its review.
 *
 * Two stores: files on the App's data volume (file-store.ts, one process) and Redis (redis-store.ts, any number
 * of processes sharing the work). A claim says which process works on a record: a file store's process holds
 * all of them; in Redis a claim is a lease that expires unless renewed, so a dead process's work is taken over.
 */

import type { ReviewTarget } from '../review/target.js';

export interface AcceptedReview {
  target: ReviewTarget;
  check: { id: number; htmlUrl: string | null };
  acceptedAt: string;
  /** How many times a process started this review: one that keeps killing the App is not retried forever. */
  starts: number;
}

export interface WorkStore {
  /** Records accepted work, replacing the pull request's earlier record. */
  save(review: AcceptedReview): Promise<void>;
  /** The pull request's record, by the queue's key (`owner/repo#number`). */
  get(key: string): Promise<AcceptedReview | undefined>;
  list(): Promise<AcceptedReview[]>;
  /** Counts one more start of the record's review and returns the count (0 when a newer record replaced it). */
  countStart(key: string, checkId: number): Promise<number>;
  /** Forgets the record once its check run is concluded, unless a newer review (another check run) replaced it. */
  remove(key: string, checkId: number): Promise<void>;
  /** Takes the record's work for this process: false when another process (or this one) already holds it. */
  claim(key: string, checkId: number): Promise<boolean>;
  /** Lets another process (or a later sweep of this one) take the work. */
  release(key: string, checkId: number): Promise<void>;
  /** Other processes accepted newer work for a pull request: this process drops its own (Redis only). */
  onSuperseded(listener: (key: string, byTag: string) => void): void;
  /** Throws when the store cannot be reached (the readiness check). */
  ping(): Promise<void>;
  /** Releases every claim of this process and disconnects. */
  close(): Promise<void>;
}

export function reviewKey(review: AcceptedReview): string {
  return `${review.target.repo.owner}/${review.target.repo.repo}#${review.target.pullNumber}`;
}

/** Kept in memory only: what the App does when created without a store (tests, embedding). */
export class MemoryWorkStore implements WorkStore {
  private readonly records = new Map<string, AcceptedReview>();
  private readonly claimed = new Set<string>();

  async save(review: AcceptedReview): Promise<void> {
    this.records.set(reviewKey(review), structuredClone(review));
  }
  async get(key: string): Promise<AcceptedReview | undefined> {
    return this.records.get(key);
  }
  async list(): Promise<AcceptedReview[]> {
    return [...this.records.values()];
  }
  async countStart(key: string, checkId: number): Promise<number> {
    const record = this.records.get(key);
    if (record?.check.id !== checkId) return 0;
    return ++record.starts;
  }
  async remove(key: string, checkId: number): Promise<void> {
    if (this.records.get(key)?.check.id === checkId) this.records.delete(key);
    this.claimed.delete(`${key}@${checkId}`);
  }
  async claim(key: string, checkId: number): Promise<boolean> {
    const id = `${key}@${checkId}`;
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }
  async release(key: string, checkId: number): Promise<void> {
    this.claimed.delete(`${key}@${checkId}`);
  }
  onSuperseded(): void {}
  async ping(): Promise<void> {}
  async close(): Promise<void> {
    this.claimed.clear();
  }
}
