import type Keyv from 'keyv';
import type { Post, Report, PostDetails } from '../models.js';
import type { BuildProgress, DeliveryRecord, ReportFallback, Subscription, ThreadBinding, WindowCounter } from './records.js';
import { claimsFor, type Claims } from './claims.js';
import { redactUrl } from '../text/redact.js';
import { corruptedRecord } from './corrupted-record.js';
import { withDeadline } from './deadline.js';
import { StoreError, storeFailure, storeTimeout, type StoreAction, type StoreDescription } from './errors.js';
import { openKeyv, tuneStore } from './open-keyv.js';
import { scheduleFor } from './open-schedule.js';
import { MemorySchedule } from './memory-schedule.js';
import type { SubscriptionSchedule } from './schedule.js';
import { Subscriptions } from './subscriptions.js';
import type { AlertDay, AlertSetting, StoredLook, WatchState } from '../alerts/records.js';

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

import { Collection, DEFAULT_STORE_TIMEOUT_MS, unnamedStore, type StoreEntry } from './collection.js';

export { Collection, DEFAULT_STORE_TIMEOUT_MS, type StoreEntry };

export class Store {
  readonly reports: Collection<Report>;
  readonly snapshots: Collection<PostSnapshot>;
  readonly subreddits: Collection<SubredditCheck>;
  /** Bodies and top comments of posts, fetched for the analysis or a follow-up question. */
  readonly postDetails: Collection<PostDetails>;
  /** Morning-post subscriptions and when each is next due (subscriptions.ts). */
  readonly subscriptions: Subscriptions;
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

  /** Alerts when a post takes off (src/alerts/records.ts): each channel's setting, its alerts a day, the watcher's last look, each period's look for the other processes. */
  readonly alertSettings: Collection<AlertSetting | string[]>;
  readonly alertDays: Collection<AlertDay>;
  readonly alertWatch: Collection<WatchState>;
  readonly alertLooks: Collection<StoredLook>;
  /** The week's chart as a PNG (base64) by a digest of what it shows, so each process does not draw it again (render/stored-chart-png.ts). */
  readonly chartPngs: Collection<string>;

  /** Atomic claims across processes on this store (deliveries, report builds, chat events). */
  readonly claims: Claims;

  /** How many subscriptions openStore moved from the old single index record to the schedule (0: none were left). */
  migratedSubscriptions = 0;

  constructor(
    readonly keyv: Keyv,
    claims: Claims,
    /** Which store this is, for error messages (openStore gives it; a bare `new Store` names only the setting). */
    store: StoreDescription = unnamedStore,
    /** How long each read, write and claim may take (STORE_TIMEOUT_MS). */
    private readonly timeoutMs = DEFAULT_STORE_TIMEOUT_MS,
    /** The backend's own schedule of subscriptions (openStore gives it; in memory for a store on a Map). */
    schedule: SubscriptionSchedule = new MemorySchedule(),
  ) {
    this.claims = describedClaims(claims, store, timeoutMs);
    this.description = store;
    const collection = <T>(prefix: string) => new Collection<T>(keyv, prefix, store, timeoutMs);
    this.reports = collection('report');
    this.snapshots = collection('snapshot');
    this.subreddits = collection('subreddit');
    this.postDetails = collection('post-details');
    this.subscriptions = new Subscriptions(collection<Subscription>('subscription'), describedSchedule(schedule, store, timeoutMs), collection<string[]>('subscription-index'));
    this.threads = collection('thread');
    this.counters = collection('counter');
    this.meta = collection('meta');
    this.deliveries = collection('delivery');
    this.fallbacks = collection('report-fallback');
    this.builds = collection('report-build');
    this.alertSettings = collection('alert-setting');
    this.alertDays = collection('alert-day');
    this.alertWatch = collection('alert-watch');
    this.alertLooks = collection('alert-look');
    this.chartPngs = collection('chart-png');
  }

  private readonly description: StoreDescription;

  /**
   * Writes records of any collections together, in one round trip where the backend can (one statement on
   * SQLite and Postgres, one MULTI on Redis): a morning post's ledger entry and its thread, for example.
   */
  async setTogether(entries: readonly StoreEntry[]): Promise<void> {
    const what = entries.map((e) => e.what).join(' and ');
    try {
      await withDeadline(this.keyv.setMany(entries.map(({ key, value }) => ({ key, value }))), this.timeoutMs, () => storeTimeout(this.description, 'saving', what, this.timeoutMs));
    } catch (error) {
      throw error instanceof StoreError ? error : storeFailure(this.description, 'saving', what, error);
    }
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

/** The schedule with a deadline on each call, its failures naming the store, like every other read and write. */
function describedSchedule(schedule: SubscriptionSchedule, store: StoreDescription, timeoutMs: number): SubscriptionSchedule {
  const what = 'the morning-post schedule';
  const timed = <R>(action: StoreAction, work: () => Promise<R>) =>
    withDeadline(work(), timeoutMs, () => storeTimeout(store, action, what, timeoutMs)).catch((error: unknown) => {
      throw error instanceof StoreError ? error : storeFailure(store, action, what, error);
    });
  return {
    lookBy: (entries) => timed('saving', () => schedule.lookBy(entries)),
    move: (moves) => timed('saving', () => schedule.move(moves)),
    remove: (key, platform) => timed('deleting', () => schedule.remove(key, platform)),
    due: (platform, until, limit, after) => timed('reading', () => schedule.due(platform, until, limit, after)),
    next: (platform, after) => timed('reading', () => schedule.next(platform, after)),
    list: (scope, limit, after) => timed('reading', () => schedule.list(scope, limit, after)),
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
  const scheme = storeUrl.slice(0, storeUrl.indexOf(':')).toLowerCase();
  const store = new Store(keyv, claimsFor(keyv, scheme, namespace), describeStore(storeUrl, scope), timeoutMs, scheduleFor(keyv, scheme, namespace));
  try {
    // Subscriptions saved before the schedule existed (one index record of every key) are moved over once.
    store.migratedSubscriptions = await store.subscriptions.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
