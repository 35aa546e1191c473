import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { describeStore, Store } from '../../src/store/store.js';
import type { Claims } from '../../src/store/claims.js';

// The store failing: every read, write and delete names STORE_URL (redacted) and says what to do, and a
// corrupted record says which record it is and what resets or rebuilds that kind of record.

const where = describeStore('sqlite:///srv/ai-trends/store.sqlite', 'live');

/** A keyv backend that fails every call the way SQLite does while another process holds its lock. */
function lockedBackend(): Map<string, unknown> {
  const busy = () => {
    throw Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
  };
  const map = new Map<string, unknown>();
  return Object.assign(map, { get: busy, set: busy, delete: busy });
}

const noClaims: Claims = { claim: async () => true, release: async () => undefined };

function storeOn(backend: Map<string, unknown>, description = where): Store {
  const keyv = new Keyv({ store: backend, namespace: 'ai-trends-live', throwOnErrors: true });
  keyv.on('error', () => undefined);
  return new Store(keyv, noClaims, description);
}

async function failure(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('a store that fails to read or write', () => {
  it('names STORE_URL and what to do, for reads, writes and deletes, keeping the cause', async () => {
    const store = storeOn(lockedBackend());
    const read = await failure(store.reports.get('2026-02-11'));
    expect(read.message).toMatch(/^STORE_URL \(sqlite:\/\/\/srv\/ai-trends\/store\.sqlite\): reading the stored report of 2026-02-11 failed \(SQLITE_BUSY: database is locked\)/);
    expect(read.message).toMatch(/another process .* lock.*try again/);
    expect((read.cause as Error).message).toBe('SQLITE_BUSY: database is locked');
    expect(read.forUsers).toMatch(/could not read/);

    const write = await failure(store.subscriptions.set('discord:G1:C1', {} as never));
    expect(write.message).toMatch(/^STORE_URL \(sqlite:\/\/\/srv\/ai-trends\/store\.sqlite\): saving .* failed \(SQLITE_BUSY/);
    expect(write.forUsers).toMatch(/could not save/);
    const removal = await failure(store.threads.delete('discord:C1:T1'));
    expect(removal.message).toMatch(/STORE_URL .*: deleting .* failed/);
  });

  it('says what to check when the cause is not a lock', async () => {
    const backend = Object.assign(new Map(), {
      set: () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    });
    const error = await failure(storeOn(backend).counters.set('user:x', { windowStart: 'x', count: 1 }));
    expect(error.message).toMatch(/SQLITE_FULL.*check that the file or server behind STORE_URL is reachable and writable/);
  });

  it('claims too: a claim or release the backend refuses names the store', async () => {
    const busy = async () => {
      throw new Error('SQLITE_BUSY: database is locked');
    };
    const keyv = new Keyv({ store: new Map(), namespace: 'ai-trends-live' });
    const store = new Store(keyv, { claim: busy, release: busy }, where);
    const claim = await failure(store.claims.claim('report-build:2026-02-11', 'me', 1000));
    expect(claim.message).toMatch(/^STORE_URL \(sqlite:\/\/\/srv\/ai-trends\/store\.sqlite\): saving the claim "report-build:2026-02-11" failed \(SQLITE_BUSY/);
    expect((await failure(store.claims.release('k', 'me'))).message).toMatch(/deleting the claim "k" failed/);
  });

  it('never prints credentials from STORE_URL', () => {
    expect(describeStore('redis://bot:hunter2@cache.internal:6379/0', 'live').where).toBe('STORE_URL (redis://[redacted]@cache.internal:6379/0)');
  });
});

describe('a corrupted record', () => {
  /** A store whose record `key` (with its namespace) holds text that is not JSON. */
  function corrupted(key: string, scope: 'live' | 'sample' = 'live'): Store {
    const backend = new Map<string, unknown>([[`ai-trends-${scope}:${key}`, '{"value":{"date":']]);
    const keyv = new Keyv({ store: backend, namespace: `ai-trends-${scope}`, throwOnErrors: true });
    keyv.on('error', () => undefined);
    return new Store(keyv, noClaims, describeStore('sqlite:///srv/s.sqlite', scope));
  }

  it('a past or present report: the command that rebuilds that day', async () => {
    const error = await failure(corrupted('report:2026-02-09').reports.get('2026-02-09'));
    expect(error.message).toMatch(/^STORE_URL \(sqlite:\/\/\/srv\/s\.sqlite\): the stored report of 2026-02-09 \(record "ai-trends-live:report:2026-02-09"\) is corrupted \(.+\)/);
    expect(error.message).toContain("; `ai-trends report --refresh --now 2026-02-09T23:59:00Z` (today's: `ai-trends report --refresh`) rebuilds it");
    expect(error.forUsers).toContain('the stored report of 2026-02-09 is damaged');
    expect(error.forUsers).toContain("rebuild it with `ai-trends report --refresh --now 2026-02-09T23:59:00Z` (today's: `ai-trends report --refresh`)");
  });

  it("the sample's report: rebuilt with --sample", async () => {
    const error = await failure(corrupted('report:2026-02-11', 'sample').reports.get('2026-02-11'));
    expect(error.message).toContain('`ai-trends report --sample --refresh`');
    expect(error.message).not.toContain('--now');
  });

  it.each([
    ['subscription:discord:G1:C1', (s: Store) => s.subscriptions.get('discord:G1:C1'), /the morning-post subscription of discord:G1:C1/, /stops that channel's morning post until an admin subscribes it again/],
    ['thread:discord:C1:T1', (s: Store) => s.threads.get('discord:C1:T1'), /the follow-up thread discord:C1:T1/, /forgets that thread/],
    ['counter:user:slack:T1:U1:2026-02-11T08', (s: Store) => s.counters.get('user:slack:T1:U1:2026-02-11T08'), /the rate-limit counter user:slack:T1:U1:2026-02-11T08/, /resets that limit/],
    ['delivery:discord:C1:2026-02-11', (s: Store) => s.deliveries.get('discord:C1:2026-02-11'), /the morning-post ledger entry discord:C1:2026-02-11/, /can make that morning post go out again/],
  ])('%s: which record, and that deleting it or the STORE_URL file resets it', async (key, read, which, reset) => {
    const error = await failure(read(corrupted(key)));
    expect(error.message).toMatch(which);
    expect(error.message).toContain(`record "ai-trends-live:${key}"`);
    expect(error.message).toMatch(reset);
    expect(error.message).toMatch(/or the STORE_URL file/);
    expect(error.message).not.toMatch(/ai-trends report --refresh/);
    expect(error.forUsers).not.toMatch(/report/);
    expect(error.forUsers).toMatch(/damaged; an admin can reset it/);
  });
});
