import type Keyv from 'keyv';
import { corruptedRecord } from './corrupted-record.js';
import { withDeadline } from './deadline.js';
import { StoreError, storeFailure, storeTimeout, type StoreAction, type StoreDescription } from './errors.js';

// One kind of record in the store: its prefix, and every read and write with a deadline
// (STORE_TIMEOUT_MS) and an error that names the setting and the record.

/** For a Store built without a description (tests): names the setting at least. */
export const unnamedStore: StoreDescription = { where: 'STORE_URL', scope: 'live' };

/** How long one read, write or claim may wait for the backend before it fails (STORE_TIMEOUT_MS). */
export const DEFAULT_STORE_TIMEOUT_MS = 5_000;

export class Collection<T> {
  constructor(
    private readonly keyv: Keyv,
    protected readonly prefix: string,
    /** Named in every error, so a failure says which setting and which place to look at. */
    private readonly store: StoreDescription = unnamedStore,
    /** Each call fails with a StoreError after this, so a command answers instead of waiting for ever. */
    private readonly timeoutMs = DEFAULT_STORE_TIMEOUT_MS,
  ) {}

  async get(key: string): Promise<T | undefined> {
    try {
      return (await this.timed('reading', key, this.keyv.get<T>(`${this.prefix}:${key}`))) ?? undefined;
    } catch (error) {
      // A record that is not JSON any more (a disk error, a hand edit): say which, and what brings it back.
      if (error instanceof SyntaxError) throw corruptedRecord(this.store, this.prefix, key, this.fullKey(key), error);
      throw this.failure('reading', key, error);
    }
  }

  /** Several records in one round trip (one query, one MGET), in the order of `keys`; undefined where absent. */
  async getMany(keys: readonly string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    const what = `${keys.length} records "${this.prefix}:…"`;
    try {
      const values = await withDeadline(this.keyv.getMany<T>(keys.map((key) => `${this.prefix}:${key}`)), this.timeoutMs, () => storeTimeout(this.store, 'reading', what, this.timeoutMs));
      return values.map((value) => value ?? undefined);
    } catch (error) {
      // One of them is not JSON any more: read them one by one, so the error names that one.
      if (error instanceof SyntaxError) return Promise.all(keys.map((key) => this.get(key)));
      throw error instanceof StoreError ? error : storeFailure(this.store, 'reading', what, error);
    }
  }

  /** `value` as an entry of Store.setTogether: written with other records in one round trip. */
  entry(key: string, value: T): StoreEntry {
    return { key: `${this.prefix}:${key}`, value, what: this.what(key) };
  }

  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    try {
      await this.timed('saving', key, this.keyv.set(`${this.prefix}:${key}`, value, ttlMs));
    } catch (error) {
      throw this.failure('saving', key, error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return await this.timed('deleting', key, this.keyv.delete(`${this.prefix}:${key}`));
    } catch (error) {
      throw this.failure('deleting', key, error);
    }
  }

  /** A backend failure (a lock, a full disk, a server gone) as an error naming the store and the record. */
  private failure(action: StoreAction, key: string, error: unknown): StoreError {
    if (error instanceof StoreError) return error;
    return storeFailure(this.store, action, this.what(key), error);
  }

  private timed<R>(action: StoreAction, key: string, work: Promise<R>): Promise<R> {
    return withDeadline(work, this.timeoutMs, () => storeTimeout(this.store, action, this.what(key), this.timeoutMs));
  }

  private what(key: string): string {
    return this.prefix === 'report' ? `the stored report of ${key}` : `the record "${this.fullKey(key)}"`;
  }

  /** The key as the backend holds it (keyv puts the namespace in front), for an operator to find it. */
  private fullKey(key: string): string {
    return this.keyv.namespace ? `${this.keyv.namespace}:${this.prefix}:${key}` : `${this.prefix}:${key}`;
  }
}

/** A record to write with others in one round trip (Store.setTogether). */
export interface StoreEntry {
  /** With its collection's prefix. */
  key: string;
  value: unknown;
  /** How an error names it. */
  what: string;
}
