import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';

// STORE_URL picks the backend: sqlite://path (embedded default), redis://… or postgres://… for deployments
// where several processes share one store. Adapters are imported lazily so a sqlite user never loads Redis.

export async function openKeyv(storeUrl: string, namespace: string): Promise<Keyv> {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(':')).toLowerCase();
  if (scheme === 'sqlite') {
    const file = storeUrl.replace(/^sqlite:\/\//i, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
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
