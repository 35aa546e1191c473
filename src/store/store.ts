import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { Post, Report, PostDetails } from '../models.js';
import type { BuildProgress, DeliveryRecord, ReportFallback, Subscription, ThreadBinding, WindowCounter } from './records.js';
import { claimsFor, type Claims } from './claims.js';
import { redactUrl } from '../text/redact.js';
import { corruptedRecord } from './corrupted-record.js';
import { withDeadline } from './deadline.js';
import { StoreError, storeFailure, storeTimeout, type StoreAction, type StoreDescription } from './errors.js';
import { openKeyv, tuneStore } from './open-keyv.js';

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

/** For a Store built without a description (tests): names the setting at least. */
const unnamedStore: StoreDescription = { where: 'STORE_URL', scope: 'live' };

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

/** How long one process may hold an index while it updates it; a killed holder frees it after this. */
const INDEX_LOCK_TTL_MS = 10_000;

/**
 * A collection that can also list its records. keyv adapters differ in how (and whether) they iterate,
 * so the keys are kept in an index record. Updating it is a read then a write, so updates are
 * serialised: within a process by a queue, across processes on one store (Discord shards, several
 * Slack processes subscribing channels at the same moment) by a claim on the index, so none is lost.
 */
export class IndexedCollection<T> extends Collection<T> {
  private readonly index: Collection<string[]>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    keyv: Keyv,
    prefix: string,
    store?: StoreDescription,
    /** The store's claims; without them (tests of one process) only the queue serialises. */
    private readonly claims?: Claims,
    timeoutMs?: number,
  ) {
    super(keyv, prefix, store, timeoutMs);
    this.index = new Collection(keyv, `${prefix}-index`, store, timeoutMs);
  }

  override async set(key: string, value: T): Promise<void> {
    await this.serialised(async () => {
      await super.set(key, value);
      const keys = (await this.index.get('all')) ?? [];
      if (!keys.includes(key)) await this.index.set('all', [...keys, key]);
    });
  }

  override async delete(key: string): Promise<boolean> {
    return this.serialised(async () => {
      const existed = await super.delete(key);
      const keys = (await this.index.get('all')) ?? [];
      if (keys.includes(key)) await this.index.set('all', keys.filter((k) => k !== key));
      return existed;
    });
  }

  async list(): Promise<Array<{ key: string; value: T }>> {
    const keys = (await this.index.get('all')) ?? [];
    // Asked at once: a backend's round trips overlap (a thousand subscriptions are read every minute).
    const values = await Promise.all(keys.map((key) => this.get(key)));
    return keys.flatMap((key, i) => (values[i] === undefined ? [] : [{ key, value: values[i]! }]));
  }

  private serialised<R>(work: () => Promise<R>): Promise<R> {
    const locked = () => this.acrossProcesses(work);
    const next = this.queue.then(locked, locked);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs `work` holding the index's claim, waiting (briefly, growing) while another process holds it. */
  private async acrossProcesses<R>(work: () => Promise<R>): Promise<R> {
    if (!this.claims) return work();
    const key = `index:${this.prefix}`;
    const owner = randomUUID();
    for (let waitMs = 5; !(await this.claims.claim(key, owner, INDEX_LOCK_TTL_MS)); waitMs = Math.min(250, waitMs * 2)) {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    try {
      return await work();
    } finally {
      await this.claims.release(key, owner).catch(() => undefined);
    }
  }
}

export class Store {
  readonly reports: Collection<Report>;
  readonly snapshots: Collection<PostSnapshot>;
  readonly subreddits: Collection<SubredditCheck>;
  /** Bodies and top comments of posts, fetched for the analysis or a follow-up question. */
  readonly postDetails: Collection<PostDetails>;
  readonly subscriptions: IndexedCollection<Subscription>;
  readonly threads: Collection<ThreadBinding>;
  /** Rate-limit windows and daily token budgets, by key such as `user:slack:U123:2026-02-11T08`. */
  readonly counters: Collection<WindowCounter>;
  /** Small facts about the bot itself, e.g. the hash of the chat commands last registered. */
  readonly meta: Collection<string>;
  /** The morning-post ledger: one record per channel and report date (`discord:C1:2026-02-11`). */
  readonly deliveries: Collection<DeliveryRecord>;

  /** A day's stand-in report (stale or sample) while its posts cannot be collected, until Reddit is asked again. */
  readonly fallbacks: Collection<ReportFallback>;
  /** How far each day's build has got, for readers in any process (a feeds build takes minutes). */
  readonly builds: Collection<BuildProgress>;

  /** Atomic claims across processes on this store (deliveries, report builds, chat events). */
  readonly claims: Claims;

  constructor(
    readonly keyv: Keyv,
    claims: Claims,
    /** Which store this is, for error messages (openStore gives it; a bare `new Store` names only the setting). */
    store: StoreDescription = unnamedStore,
    /** How long each read, write and claim may take (STORE_TIMEOUT_MS). */
    timeoutMs = DEFAULT_STORE_TIMEOUT_MS,
  ) {
    this.claims = describedClaims(claims, store, timeoutMs);
    const collection = <T>(prefix: string) => new Collection<T>(keyv, prefix, store, timeoutMs);
    this.reports = collection('report');
    this.snapshots = collection('snapshot');
    this.subreddits = collection('subreddit');
    this.postDetails = collection('post-details');
    this.subscriptions = new IndexedCollection(keyv, 'subscription', store, this.claims, timeoutMs);
    this.threads = collection('thread');
    this.counters = collection('counter');
    this.meta = collection('meta');
    this.deliveries = collection('delivery');
    this.fallbacks = collection('report-fallback');
    this.builds = collection('report-build');
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}

/** Claims with a deadline, whose failures name the store, like every other read and write of it. */
function describedClaims(claims: Claims, store: StoreDescription, timeoutMs: number): Claims {
  const timed = <R>(action: StoreAction, key: string, work: Promise<R>) =>
    withDeadline(work, timeoutMs, () => storeTimeout(store, action, `the claim "${key}"`, timeoutMs)).catch((error: unknown) => {
      throw error instanceof StoreError ? error : storeFailure(store, action, `the claim "${key}"`, error);
    });
  return {
    claim: (key, owner, ttlMs) => timed('saving', key, claims.claim(key, owner, ttlMs)),
    release: (key, owner) => timed('deleting', key, claims.release(key, owner)),
  };
}

/** The store at `storeUrl` as messages name it: the setting and the place, credentials redacted. */
export function describeStore(storeUrl: string, scope: 'live' | 'sample'): StoreDescription {
  return { where: `STORE_URL (${redactUrl(storeUrl)})`, scope };
}

/**
 * Opens the store at `storeUrl`. `scope` separates data sets sharing one database: the bundled sample
 * ("sample") never mixes with reports collected from Reddit ("live").
 */
export async function openStore(storeUrl: string, scope: 'live' | 'sample' = 'live', { timeoutMs = DEFAULT_STORE_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<Store> {
  const namespace = `ai-trends-${scope}`;
  const keyv = await openKeyv(storeUrl, namespace, timeoutMs);
  keyv.on('error', () => {
    // With throwOnErrors each failing call rejects, and its caller reports it; an unheard 'error'
    // event would otherwise crash the process.
  });
  try {
    // One read now, so a store that cannot be opened says so at start-up, naming the setting.
    await keyv.get('open-check');
    await tuneStore(keyv, storeUrl);
  } catch (error) {
    await keyv.disconnect().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(`${describeStore(storeUrl, scope).where}: the store cannot be opened (${reason}). Check that the path or server exists and is writable, or point STORE_URL elsewhere`, undefined, { cause: error });
  }
  return new Store(keyv, claimsFor(keyv, storeUrl.slice(0, storeUrl.indexOf(':')).toLowerCase(), namespace), describeStore(storeUrl, scope), timeoutMs);
}
