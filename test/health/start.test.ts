import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { freePort } from '../helpers/free-port.js';
import { runBin, spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';
import { parseMetrics, valueOf } from '../metrics/prometheus-text.js';
import { getUntil } from './helpers.js';

// `ai-trends start` with HEALTH_PORT, the real bin in a child process (what a container's HEALTHCHECK
// asks): /healthz and /metrics while the Discord bot runs against the fake Discord; a taken port is a
// setting to fix, named.

let fake: FakeDiscord | undefined;
let bot: RunningBin | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.close();
  fake = bot = undefined;
});

describe('ai-trends start with HEALTH_PORT', () => {
  it('serves /healthz (200 once Discord is connected) and /metrics, and stops them on SIGTERM', async () => {
    fake = await startFakeDiscord();
    const port = await freePort();
    // Without the web pages beside them (WEB_ENABLED=false), /metrics needs no token (with them: test/web/start.test.ts).
    bot = spawnBin(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1', WEB_ENABLED: 'false' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && !/health: GET \/healthz/.test(bot.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    const health = await getUntil(base, '/healthz', (r) => r.status === 200, 15_000);
    expect(health.status).toBe(200);
    expect(health.json.checks.discord.ok).toBe(true);

    fake.slashCommand({ name: 'trends' });
    const metrics = await getUntil(base, '/metrics', (r) => /command="trends"/.test(r.text), 15_000);
    // The sample's report was built for /trends, with the offline analysis.
    expect(valueOf(parseMetrics(metrics.text), 'ai_trends_reports_built_total', { analysis: 'offline' })).toBe(1);
    expect(valueOf(parseMetrics(metrics.text), 'ai_trends_command_duration_seconds_count', { command: 'trends', platform: 'discord' })).toBe(1);

    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 40_000);

  it('listens on 127.0.0.1 unless HEALTH_HOST says otherwise; with METRICS_TOKEN /metrics wants the bearer token, /healthz does not', async () => {
    fake = await startFakeDiscord();
    const port = await freePort();
    const token = 'metrics-token-7f3a9c1e5b2d8f40';
    bot = spawnBin(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port), METRICS_TOKEN: token, LOG_LEVEL: 'debug' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && !/health: GET \/healthz/.test(bot.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await getUntil(base, '/healthz', (r) => r.status === 200, 15_000)).status).toBe(200);
    // Not on this machine's other addresses: exposing the endpoints is a choice (HEALTH_HOST=0.0.0.0).
    const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${port}/healthz`, { signal: AbortSignal.timeout(3_000) })).rejects.toThrow();

    const bare = await fetch(`${base}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token.slice(0, -1)}x` } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: token } })).status).toBe(401);
    const allowed = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^# HELP /m);

    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    expect(bot.stderr()).toMatch(/"metricsToken":true/);
    expect(bot.stderr()).not.toContain(token);
  }, 40_000);

  it('names HEALTH_PORT when the port is taken (exit 2)', async () => {
    fake = await startFakeDiscord();
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await runBin(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1' });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`HEALTH_PORT: port ${port} is already in use on 127\\.0\\.0\\.1; choose a free port`));
    } finally {
      taken.close();
    }
  }, 20_000);

  it('names HEALTH_PORT when it is not a port number (exit 2)', async () => {
    const result = await runBin(['start'], { STORE_URL: tempStoreUrl(), HEALTH_PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/HEALTH_PORT: /);
  });
});
