import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { freePort } from '../helpers/free-port.js';
import { runBin, spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/store.js';
import { getUntil } from '../health/helpers.js';

// The pages through the real bin: `ai-trends serve` alone (no chat platform, the sample as its stored day),
// `ai-trends start` beside /healthz (where /metrics then wants METRICS_TOKEN), and `ai-trends site DIR`.

let bot: RunningBin | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.close();
  bot = fake = undefined;
});

async function waitFor(running: RunningBin, pattern: RegExp, where: 'stdout' | 'stderr' = 'stderr'): Promise<void> {
  for (let i = 0; i < 400 && !pattern.test(running[where]()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(running[where]()).toMatch(pattern);
}

describe('ai-trends serve', () => {
  it('serves the sample day, the archive, search and the feed on HEALTH_PORT; 404 and 400 for the rest; stops on SIGTERM', async () => {
    const port = await freePort();
    bot = spawnBin(['serve', '--sample'], { STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port) });
    await waitFor(bot, /Serving the reports on http:\/\/127\.0\.0\.1:\d+\//, 'stdout');
    const base = `http://127.0.0.1:${port}`;
    const front = await fetch(`${base}/`);
    expect(front.status).toBe(200);
    expect(front.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await front.text()).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    expect((await fetch(`${base}/reports/2026-02-11`)).status).toBe(200);
    expect((await fetch(`${base}/reports`)).status).toBe(200);
    expect(await (await fetch(`${base}/search?q=seedance`)).text()).toMatch(/\d+ results? for “seedance”/);
    expect((await fetch(`${base}/feed.xml`)).headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect((await fetch(`${base}/reports/2026-13-45`)).status).toBe(404);
    expect((await fetch(`${base}/reports/2026-02-10`)).status).toBe(404);
    const encoded = await fetch(`${base}/reports/..%2F..%2Fetc`, { redirect: 'manual' });
    expect(encoded.status).toBe(400);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const head = await fetch(`${base}/reports/2026-02-11`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  }, 40_000);

  it('refuses to run with WEB_ENABLED=false (exit 2, the setting named)', async () => {
    const result = await runBin(['serve', '--sample'], { STORE_URL: tempStoreUrl(), HEALTH_PORT: String(await freePort()), WEB_ENABLED: 'false' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('WEB_ENABLED=false turns the web pages off');
  }, 30_000);
});

describe('ai-trends start', () => {
  it('serves the pages beside /healthz; /metrics there is refused without METRICS_TOKEN, said in the log', async () => {
    fake = await startFakeDiscord();
    const port = await freePort();
    bot = spawnBin(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port) });
    await waitFor(bot, /health: GET \/healthz/);
    const base = `http://127.0.0.1:${port}`;
    // Connected first: a SIGTERM before the bot listens for it is the default one.
    expect((await getUntil(base, '/healthz', (r) => r.status === 200, 15_000)).status).toBe(200);
    let front = await fetch(`${base}/`);
    for (let i = 0; i < 100 && !(await front.clone().text()).includes('<h1>Reddit AI Trend Report - 2026-02-11</h1>'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      front = await fetch(`${base}/`);
    }
    expect(await front.text()).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(403);
    expect(await metrics.text()).toContain('METRICS_TOKEN');
    expect(bot.stderr()).toContain('/metrics is refused (403) on the server of the web pages until METRICS_TOKEN is set');
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  }, 40_000);

  it('with METRICS_TOKEN: /metrics answers the bearer token beside the pages; WEB_ENABLED=false serves no page', async () => {
    fake = await startFakeDiscord();
    const port = await freePort();
    const token = 'metrics-token-7f3a9c1e5b2d8f40';
    bot = spawnBin(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port), METRICS_TOKEN: token });
    await waitFor(bot, /health: GET \/healthz/);
    const base = `http://127.0.0.1:${port}`;
    expect((await getUntil(base, '/healthz', (r) => r.status === 200, 15_000)).status).toBe(200);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/reports`)).status).toBe(200);
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);

    const port2 = await freePort();
    bot = spawnBin(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl(), HEALTH_PORT: String(port2), WEB_ENABLED: 'false' });
    await waitFor(bot, /health: GET \/healthz/);
    expect((await getUntil(`http://127.0.0.1:${port2}`, '/healthz', (r) => r.status === 200, 15_000)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port2}/reports`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port2}/metrics`)).status).toBe(200);
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  }, 60_000);
});

describe('ai-trends site DIR', () => {
  it('writes the pages, the feed and the assets as files', async () => {
    const dir = join(tempDir('ai-trends-site-'), 'public');
    const result = await runBin(['site', dir, '--sample'], { STORE_URL: tempStoreUrl() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Wrote 8 files \(1 day\) to .*public\n$/);
    expect(readdirSync(dir).sort()).toEqual(['404.html', 'favicon.svg', 'feed.xml', 'index.html', 'reports', 'reports.html', 'sort.js', 'style.css']);
    expect(existsSync(join(dir, 'reports', '2026-02-11.html'))).toBe(true);
    const page = readFileSync(join(dir, 'reports', '2026-02-11.html'), 'utf8');
    expect(page).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    // No server to search: the static pages have no search form.
    expect(page).not.toContain('action="/search"');
    expect(readFileSync(join(dir, 'feed.xml'), 'utf8')).toContain('<id>urn:ai-trends:report:2026-02-11</id>');
  }, 30_000);

  it('needs the directory', async () => {
    const result = await runBin(['site'], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the directory to write is missing');
  }, 30_000);
});
