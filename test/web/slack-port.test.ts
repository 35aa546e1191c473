import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { freePort } from '../helpers/free-port.js';
import { memoryLog } from '../helpers/memory-log.js';
import { get, startObserved, type Observed } from '../health/helpers.js';

// With Slack over HTTP and no HEALTH_PORT, the one server is Bolt's on PORT: the pages are its custom
// routes beside /slack/events, /healthz and /metrics; /metrics then wants METRICS_TOKEN.

const SECRET = 'signing-secret-123';
let slack: FakeSlack | undefined;
let observed: Observed | undefined;
afterEach(async () => {
  await observed?.stop();
  await slack?.close();
  slack = observed = undefined;
});

describe('the pages on the Slack HTTP server', () => {
  it('are served beside /slack/events; /metrics is refused without METRICS_TOKEN; bad paths are 4xx', async () => {
    slack = await startFakeSlack();
    const port = await freePort();
    const log = memoryLog();
    observed = await startObserved({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''), SLACK_SIGNING_SECRET: SECRET, PORT: String(port) }, { web: true, log: log.log });
    const base = `http://127.0.0.1:${port}`;
    const day = await get(base, '/reports/2026-02-11');
    expect(day.status).toBe(200);
    expect(day.text).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    expect((await get(base, '/')).status).toBe(200);
    expect((await get(base, '/reports')).status).toBe(200);
    expect((await get(base, '/search?q=seedance')).text).toMatch(/results? for “seedance”/);
    expect((await get(base, '/feed.xml')).status).toBe(200);
    expect((await get(base, '/style.css')).status).toBe(200);
    expect((await get(base, '/reports/2026-13-45')).status).toBe(404);
    for (const bad of ['/reports/a%2Fb', '/reports/..%2F..%2Fetc', '/nothing']) {
      const answer = await fetch(`${base}${bad}`, { redirect: 'manual' });
      expect(answer.status, bad).toBeGreaterThanOrEqual(400);
      expect(answer.status, bad).toBeLessThan(500);
    }
    expect((await get(base, '/metrics')).status).toBe(403);
    expect(log.text()).toContain('/metrics is refused (403)');
    // Slack's own endpoint still answers on that server.
    expect((await sendSlashCommand(base, SECRET, { text: 'week', teamId: slack.teamId, responseUrl: slack.responseUrl('r') })).status).toBe(200);
  }, 30_000);
});
