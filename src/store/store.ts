import type Keyv from 'keyv';
import type { Post, Report } from '../models.js';
import { openKeyv } from './open-keyv.js';

// Everything the bot remembers, in one keyv namespace with a prefix per kind of record. Records are
// plain JSON, so any keyv backend holds them.

/** What the collection learnt about a configured subreddit name (cached: one /about request per name). */
export interface SubredditCheck {
  name: string;
  ok: boolean;
  /** Canonical spelling from Reddit, when it exists. */
  displayName?: string;
  /** Why it cannot be read (private, banned, not found…). */
  reason?: string;
  checkedAt: string;
}

/** Each collected post's numbers on one day, so later days can be compared with it. */
export interface PostSnapshot {
  date: string;
  takenAt: string;
  posts: Post[];
}

export class Collection<T> {
  constructor(
    private readonly keyv: Keyv,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<T | undefined> {
    return (await this.keyv.get<T>(`${this.prefix}:${key}`)) ?? undefined;
  }

  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.keyv.set(`${this.prefix}:${key}`, value, ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    return this.keyv.delete(`${this.prefix}:${key}`);
  }
}

export class Store {
  readonly reports: Collection<Report>;
  readonly snapshots: Collection<PostSnapshot>;
  readonly subreddits: Collection<SubredditCheck>;

  constructor(readonly keyv: Keyv) {
    this.reports = new Collection(keyv, 'report');
    this.snapshots = new Collection(keyv, 'snapshot');
    this.subreddits = new Collection(keyv, 'subreddit');
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}

/**
 * Opens the store at `storeUrl`. `scope` separates data sets sharing one database: the bundled sample
 * ("sample") never mixes with reports collected from Reddit ("live").
 */
export async function openStore(storeUrl: string, scope: 'live' | 'sample' = 'live'): Promise<Store> {
  const keyv = await openKeyv(storeUrl, `ai-trends:${scope}`);
  keyv.on('error', () => {
    // With throwOnErrors each failing call rejects, and its caller reports it; an unheard 'error'
    // event would otherwise crash the process.
  });
  return new Store(keyv);
}
