import { createServer, type Socket } from 'node:net';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { StoreError } from '../../src/store/errors.js';
import { describeStore, openStore, Store } from '../../src/store/store.js';

// Every store call has a deadline (STORE_TIMEOUT_MS): a backend that never answers becomes a StoreError
// that tells the user the store is unavailable and the operator which setting to check, in time.

const where = describeStore('redis://cache.internal:6379', 'live');

/** A keyv backend whose calls never settle: a server that accepted the connection and went quiet. */
function silentBackend(): Map<string, unknown> {
  const never = () => new Promise<never>(() => undefined);
  return Object.assign(new Map<string, unknown>(), { get: never, set: never, delete: never });
}

async function failsWithin(promise: Promise<unknown>, ms: number): Promise<StoreError> {
  const started = Date.now();
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(Date.now() - started).toBeLessThan(ms);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('the store deadline', () => {
  it('fails a read, a write, a delete and a claim that get no answer, naming STORE_TIMEOUT_MS', async () => {
    const keyv = new Keyv({ store: silentBackend(), namespace: 'ai-trends-live', throwOnErrors: true });
    const never = () => new Promise<never>(() => undefined);
    const store = new Store(keyv, { claim: never, release: never }, where, 200);
    for (const call of [store.reports.get('2026-02-11'), store.deliveries.set('k', {} as never), store.threads.delete('t'), store.claims.claim('report-build:2026-02-11', 'me', 30_000), store.subscriptions.set('slack:C1', {} as never)]) {
      const error = await failsWithin(call, 1_000);
      expect(error.message).toMatch(/^STORE_URL \(redis:\/\/cache\.internal:6379\): (reading|saving|deleting) .* got no answer within 200 ms \(STORE_TIMEOUT_MS\); check that the server or file behind STORE_URL is up and reachable$/);
      expect(error.forUsers).toBe("the bot's store is unavailable, try again in a minute");
    }
  });

  it('opening a Redis that accepts connections and never answers fails within the deadline, naming STORE_URL', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await failsWithin(openStore(`redis://127.0.0.1:${port}`, 'live', { timeoutMs: 300 }), 3_000);
      expect(error.message).toMatch(new RegExp(`^STORE_URL \\(redis://127\\.0\\.0\\.1:${port}\\): the store cannot be opened`));
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('STORE_TIMEOUT_MS is 5 s unless set, and a wrong value names the variable', () => {
    expect(loadConfig({}, '0').storeTimeoutMs).toBe(5_000);
    expect(loadConfig({ STORE_TIMEOUT_MS: '1500' }, '0').storeTimeoutMs).toBe(1_500);
    expect(() => loadConfig({ STORE_TIMEOUT_MS: '0' }, '0')).toThrow(/^STORE_TIMEOUT_MS: /);
    expect(() => loadConfig({ STORE_TIMEOUT_MS: 'soon' }, '0')).toThrow(/^STORE_TIMEOUT_MS: /);
  });
});
