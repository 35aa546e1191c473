import type { Store } from '../../src/store/store.js';

// What a store sends its backend, counted at the connection: every SQL statement of the SQLite file
// (keyv's reads and writes, the claims, our own tables), every Redis command or MULTI sent as one, and the
// bytes of their arguments. Counted below every layer of ours, so the same counter measures any version of
// the store code (a bench's "before" run on main included).

export interface StoreTraffic {
  /** Round trips: statements or commands (a MULTI is one). */
  readonly calls: number;
  /** Bytes of the arguments sent (SQL parameters, Redis arguments; not the SQL text itself). */
  readonly bytes: number;
}

type Wrappable = Record<string, unknown>;

function size(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Buffer.isBuffer(value)) return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + size(v), 0);
  return value === undefined || value === null ? 0 : String(value).length;
}

function wrap(target: Wrappable, method: string, traffic: { calls: number; bytes: number }, argsOf: (args: unknown[]) => unknown): void {
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]) {
    traffic.calls++;
    traffic.bytes += size(argsOf(args));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

export async function watchStoreTraffic(store: Store): Promise<StoreTraffic> {
  const traffic = { calls: 0, bytes: 0 };
  const backend = store.keyv.store as Wrappable & { getClient?: () => Promise<Wrappable> };
  if (typeof backend.getClient === 'function') {
    // Commands run on the client's `_self` (node-redis hands out proxies of one client).
    const client = (await backend.getClient()) as Wrappable & { _self?: Wrappable };
    const self = client._self ?? client;
    wrap(self, 'sendCommand', traffic, (args) => args[0]);
    // A MULTI's commands: [{ args }, …].
    wrap(self, '_executeMulti', traffic, (args) => (args[0] as Array<{ args: unknown[] }>).map((c) => c.args));
    wrap(self, '_executePipeline', traffic, (args) => (args[0] as Array<{ args: unknown[] }>).map((c) => c.args));
  } else {
    // SQLite: query(sql, ...params); Postgres: query(sql, params).
    wrap(backend, 'query', traffic, (args) => args.slice(1));
  }
  return traffic;
}
