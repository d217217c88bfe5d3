/**
 * The work store on the App's data volume (STACKGUARD_STATE_DIR): one JSON file per pull request, written to a
 * temporary file and renamed over the old one, so a process killed mid-write leaves the old record or the new one,
 * never half of either. One process per volume: claims are kept in memory.
 *
 * Each record is signed with the App's state key: a synth runs as the App's user and can write this folder, and a
 * forged record would make the App resume a review of its choosing. A record without a valid signature is dropped.
 */

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MemoryWorkStore, reviewKey, type AcceptedReview, type WorkStore } from './work-store.js';

export class FileWorkStore implements WorkStore {
  private readonly claims = new MemoryWorkStore();
  private tempCounter = 0;

  constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly log: { warn(details: object, message: string): void },
  ) {}

  async save(review: AcceptedReview): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(reviewKey(review));
    const temp = `${file}.${process.pid}-${++this.tempCounter}.tmp`;
    const text = JSON.stringify(review);
    await writeFile(temp, JSON.stringify({ review: text, mac: this.mac(text) }), { mode: 0o600 });
    await rename(temp, file);
  }

  async get(key: string): Promise<AcceptedReview | undefined> {
    return this.read(this.fileOf(key));
  }

  async list(): Promise<AcceptedReview[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records = await Promise.all(names.filter((name) => name.endsWith('.json')).map((name) => this.read(path.join(this.dir, name))));
    return records.filter((record): record is AcceptedReview => record !== undefined);
  }

  async countStart(key: string, checkId: number): Promise<number> {
    const record = await this.get(key);
    if (record?.check.id !== checkId) return 0;
    record.starts += 1;
    await this.save(record);
    return record.starts;
  }

  async remove(key: string, checkId: number): Promise<void> {
    await this.claims.remove(key, checkId);
    const record = await this.get(key);
    if (record?.check.id === checkId) await rm(this.fileOf(key), { force: true });
  }

  claim(key: string, checkId: number): Promise<boolean> {
    return this.claims.claim(key, checkId);
  }

  release(key: string, checkId: number): Promise<void> {
    return this.claims.release(key, checkId);
  }

  onSuperseded(): void {}

  async ping(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  close(): Promise<void> {
    return this.claims.close();
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  private async read(file: string): Promise<AcceptedReview | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const sealed = JSON.parse(text) as { review: string; mac: string };
      const expected = Buffer.from(this.mac(sealed.review), 'hex');
      const given = Buffer.from(String(sealed.mac), 'hex');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return JSON.parse(sealed.review) as AcceptedReview;
      this.log.warn({ file }, 'review record with a wrong signature removed');
    } catch (error) {
      // Renames are atomic, so this is a file someone edited; keeping it would fail every start.
      this.log.warn({ file, err: error }, 'unreadable review record removed');
    }
    await rm(file, { force: true });
    return undefined;
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(`stackguard review record\n${text}`).digest('hex');
  }
}
