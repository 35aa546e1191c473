import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import { StoreError } from './errors.js';

// STORE_URL picks the backend: sqlite://path (embedded default), redis://… or postgres://… for deployments
// where several processes share one store. Adapters are imported lazily so a sqlite user never loads Redis.

export async function openKeyv(storeUrl: string, namespace: string): Promise<Keyv> {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(':')).toLowerCase();
  if (scheme === 'sqlite') {
    const file = storeUrl.replace(/^sqlite:\/\//i, '');
    if (file !== ':memory:') makeParents(file, storeUrl);
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    return new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5_000 }), namespace, throwOnErrors: true });
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    return new Keyv({ store: new KeyvRedis(storeUrl, { throwOnErrors: true, connectionTimeout: 5_000 }), namespace, throwOnErrors: true });
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { default: KeyvPostgres } = await import('@keyv/postgres');
    return new Keyv({ store: new KeyvPostgres({ uri: storeUrl }), namespace, throwOnErrors: true });
  }
  throw new Error(`STORE_URL must start with sqlite://, redis:// or postgres:// (got "${storeUrl.split(':')[0]}:…")`);
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
