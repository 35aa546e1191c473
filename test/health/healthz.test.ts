import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { get, getUntil, startObserved, type Observed } from './helpers.js';

// GET /healthz on HEALTH_PORT, over real HTTP: the store probed with a write and a read, the real
// discord.js client against the fake Discord; 503 names what is down and what to do.

let observed: Observed | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await observed?.stop();
  await fake?.close().catch(() => undefined);
  observed = fake = undefined;
});

const discordEnv = (fake: FakeDiscord) => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase });

describe('GET /healthz', () => {
  it('is 200 with the store and Discord connected, then 503 naming Discord when the fake Discord goes away', async () => {
    fake = await startFakeDiscord();
    observed = await startObserved({ ...discordEnv(fake), HEALTH_PORT: '0' });
    const base = `http://127.0.0.1:${observed.served!.port}`;

    const healthy = await get(base, '/healthz');
    expect(healthy.status).toBe(200);
    expect(healthy.json).toMatchObject({ status: 'ok', ok: true, down: [], checks: { store: { ok: true }, discord: { ok: true } } });
    expect(healthy.json.checks.discord.detail).toMatch(/connected to 1 server/);

    await fake.close();
    const down = await getUntil(base, '/healthz', (r) => r.status !== 200);
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ status: 'down', ok: false, down: ['discord'], checks: { store: { ok: true }, discord: { ok: false } } });
    expect(down.json.checks.discord.detail).toMatch(/gateway connection is down/);
    expect(down.json.checks.discord.fix).toMatch(/reconnects by itself/);
  }, 30_000);

  it('is 503 naming Discord once its client is destroyed (the bot stopping)', async () => {
    fake = await startFakeDiscord();
    observed = await startObserved({ ...discordEnv(fake), HEALTH_PORT: '0' });
    const base = `http://127.0.0.1:${observed.served!.port}`;
    expect((await get(base, '/healthz')).status).toBe(200);

    await observed.platforms[0]!.stop(0);
    const down = await get(base, '/healthz');
    expect(down.status).toBe(503);
    expect(down.json.down).toEqual(['discord']);
    expect(down.json.checks.discord.detail).toMatch(/not logged in/);
  }, 30_000);

  it('is 503 naming the store when it no longer answers, with the setting to check', async () => {
    observed = await startObserved({ HEALTH_PORT: '0' });
    const base = `http://127.0.0.1:${observed.served!.port}`;
    const healthy = await get(base, '/healthz');
    expect(healthy.status).toBe(200);
    expect(healthy.json.checks).toEqual({ store: { ok: true, detail: 'answers reads and writes' } });

    await observed.app.store.close();
    const down = await get(base, '/healthz');
    expect(down.status).toBe(503);
    expect(down.json.down).toEqual(['store']);
    expect(down.json.checks.store.detail).toMatch(/STORE_URL/);
    expect(down.json.checks.store.fix).toMatch(/STORE_URL/);
  }, 20_000);

  it('says a configured platform is still connecting before it started', async () => {
    fake = await startFakeDiscord();
    observed = await startObserved({ ...discordEnv(fake), HEALTH_PORT: '0' }, { platforms: false });
    const down = await get(`http://127.0.0.1:${observed.served!.port}`, '/healthz');
    expect(down.status).toBe(503);
    expect(down.json.down).toEqual(['discord']);
    expect(down.json.checks.discord.detail).toMatch(/still connecting/);
  });

  it('answers only GET /healthz and GET /metrics', async () => {
    observed = await startObserved({ HEALTH_PORT: '0' });
    const base = `http://127.0.0.1:${observed.served!.port}`;
    const missing = await get(base, '/nope');
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/GET \/healthz and GET \/metrics/);
    const posted = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    expect((await get(base, '/healthz?verbose=1')).status).toBe(200);
  });

  it('serves nothing without HEALTH_PORT and without Slack over HTTP', async () => {
    observed = await startObserved({});
    expect(observed.served).toBeUndefined();
    expect(observed.app.metrics).toBeUndefined();
  });
});

describe.skipIf(!redisAvailable)('GET /healthz on a Redis store', () => {
  it('is 503 naming the store within seconds of Redis going away', async () => {
    const redis = await startRedis();
    try {
      observed = await startObserved({ STORE_URL: redis.url, HEALTH_PORT: '0' });
      const base = `http://127.0.0.1:${observed.served!.port}`;
      // Concurrent requests share one probe and all see the store answer.
      const answers = await Promise.all([1, 2, 3].map(() => get(base, '/healthz')));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);

      await redis.stop();
      const down = await getUntil(base, '/healthz', (r) => r.status !== 200);
      expect(down.status).toBe(503);
      expect(down.json.down).toEqual(['store']);
      expect(down.json.checks.store.detail).toMatch(/STORE_URL did not answer within 2 s/);
      expect(down.json.checks.store.fix).toMatch(/STORE_URL/);
    } finally {
      await redis.stop();
    }
  }, 30_000);
});
