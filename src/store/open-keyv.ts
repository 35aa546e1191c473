import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import { StoreError } from './errors.js';

// STORE_URL picks the backend: sqlite://path (embedded default), redis://… or postgres://… for deployments
// where several processes share one store. Adapters are imported lazily so a sqlite user never loads Redis.

/**
 * `timeoutMs` (STORE_TIMEOUT_MS) is the deadline the store puts on every call; the backends are tuned to
 * give up by themselves a little before it, with their own, more telling error.
 */
export async function openKeyv(storeUrl: string, namespace: string, timeoutMs: number): Promise<Keyv> {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(':')).toLowerCase();
  if (scheme === 'sqlite') {
    const file = storeUrl.replace(/^sqlite:\/\//i, '');
    if (file !== ':memory:') makeParents(file, storeUrl);
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    // @keyv/sqlite has no setMany (keyv then writes each record on its own): records written together (a
    // morning post's ledger entry and its thread) go as one upsert, one statement, one commit.
    class KeyvSqliteTogether extends KeyvSqlite {
      async setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
        if (entries.length === 0) return;
        await this.query(`INSERT INTO ${this.opts.table} (key, value) VALUES ${entries.map(() => '(?, ?)').join(', ')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...entries.flatMap((e) => [e.key, e.value]));
      }
    }
    // A file locked by another process fails with SQLite's "database is locked" just before the deadline.
    return new Keyv({ store: new KeyvSqliteTogether({ uri: `sqlite://${file}`, busyTimeout: Math.round(timeoutMs * 0.9) }), namespace, throwOnErrors: true });
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    // While the server is away the client queues commands until it is back: each command leaves the
    // queue at the deadline (`timeout`), so a write the caller gave up on is not made minutes later.
    const client = { url: storeUrl, socket: { reconnectStrategy: backoff, connectTimeout: timeoutMs }, commandOptions: { timeout: timeoutMs } };
    return new Keyv({ store: new KeyvRedis(client, { throwOnErrors: true, connectionTimeout: timeoutMs }), namespace, throwOnErrors: true });
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { default: KeyvPostgres } = await import('@keyv/postgres');
    return new Keyv({ store: new KeyvPostgres({ uri: storeUrl }), namespace, throwOnErrors: true });
  }
  throw new Error(`STORE_URL must start with sqlite://, redis:// or postgres:// (got "${storeUrl.split(':')[0]}:…")`);
}

/** Reconnects after 0.2, 0.4 … at most 2 s, with jitter (@keyv/redis's own policy, which a client built from options does not get). */
function backoff(attempts: number): number {
  return Math.min(2 ** attempts * 100, 2_000) + (Math.random() - 0.5) * 100;
}

/**
 * Creates the database file's missing directories one level at a time. Node's recursive mkdir spins
 * forever under /proc (`sqlite:///proc/1/x/db`); one level at a time fails at once, with the path.
 */
function makeParents(file: string, storeUrl: string): void {
  const missing: string[] = [];
  for (let dir = dirname(resolve(file)); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StoreError(`STORE_URL (${storeUrl}): cannot create the directory ${dir} (${code}). Point STORE_URL at a writable place, e.g. sqlite://./data/ai-trends.sqlite`, undefined, { cause: error });
    }
  }
}

/**
 * SQLite in write-ahead-log mode: a write no longer waits for a sync of the whole file, readers do not
 * block the writer, and several processes on one machine share the file as before. A morning post
 * writes its ledger a few times; in the default mode each write cost a sync (the fan-out bench: Slack's
 * 200 posts took 6.4 s instead of 4.4 s). Other backends need nothing.
 */
export async function tuneStore(keyv: Keyv, storeUrl: string): Promise<void> {
  if (!/^sqlite:/i.test(storeUrl) || storeUrl.endsWith(':memory:')) return;
  const store = keyv.store as { query(sql: string): Promise<unknown> };
  await store.query('PRAGMA journal_mode = WAL');
  await store.query('PRAGMA synchronous = NORMAL');
}
