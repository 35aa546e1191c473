import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { freePort } from '../helpers/free-port.js';
import { parseMetrics, valueOf } from '../metrics/prometheus-text.js';
import { get, getUntil, startObserved, type Observed } from './helpers.js';

// One server for /healthz and /metrics either way: with Slack over HTTP, Bolt's own server on PORT
// serves them beside /slack/events (unless HEALTH_PORT names another port); in Socket Mode, which has no
// server, HEALTH_PORT does. The real Bolt App against the fake Slack, real HTTP to every server.

const SECRET = 'signing-secret-123';
let slack: FakeSlack | undefined;
let observed: Observed | undefined;
afterEach(async () => {
  await observed?.stop();
  await slack?.close();
  slack = observed = undefined;
});

const slackEnv = (slack: FakeSlack) => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl.replace(/\/$/, '') });

describe('/healthz and /metrics with Slack over HTTP', () => {
  it('are served on the Slack port beside /slack/events when HEALTH_PORT is unset', async () => {
    slack = await startFakeSlack();
    const port = await freePort();
    observed = await startObserved({ ...slackEnv(slack), SLACK_SIGNING_SECRET: SECRET, PORT: String(port) });
    expect(observed.served?.slackRoutes).toHaveLength(2);
    expect(observed.served?.port).toBeUndefined(); // no second server
    const base = `http://127.0.0.1:${port}`;

    const health = await get(base, '/healthz');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok', ok: true, down: [], checks: { store: { ok: true, detail: 'answers reads and writes' }, slack: { ok: true, detail: 'listening for Slack over HTTP' } } });

    // Slack's own endpoint still answers on the same server, and its command shows in /metrics there.
    const acked = await sendSlashCommand(base, SECRET, { text: 'week', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
    expect(acked.status).toBe(200);
    const metrics = await getUntil(base, '/metrics', (r) => /command="trends",platform="slack"/.test(r.text));
    expect(metrics.status).toBe(200);
    expect(valueOf(parseMetrics(metrics.text), 'ai_trends_command_duration_seconds_count', { command: 'trends', platform: 'slack' })).toBe(1);

    await observed.platforms[0]!.stop(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // stopping Slack stops its server, endpoints included
  }, 30_000);

  it('share the Slack port when HEALTH_PORT names that same port (never two servers on one port)', async () => {
    slack = await startFakeSlack();
    const port = await freePort();
    observed = await startObserved({ ...slackEnv(slack), SLACK_SIGNING_SECRET: SECRET, PORT: String(port), HEALTH_PORT: String(port) });
    expect(observed.served?.port).toBeUndefined();
    expect((await get(`http://127.0.0.1:${port}`, '/healthz')).status).toBe(200);
  }, 20_000);

  it('move to HEALTH_PORT when it names another port: there only, and 503 naming Slack once its server stops', async () => {
    slack = await startFakeSlack();
    const [port, healthPort] = [await freePort(), await freePort()];
    observed = await startObserved({ ...slackEnv(slack), SLACK_SIGNING_SECRET: SECRET, PORT: String(port), HEALTH_PORT: String(healthPort) });
    expect(observed.served?.port).toBe(healthPort);
    expect((await get(`http://127.0.0.1:${healthPort}`, '/healthz')).json.checks.slack.ok).toBe(true);
    expect((await get(`http://127.0.0.1:${port}`, '/healthz')).status).toBe(404);

    // Slack's server stopped, ours still answers: 503 naming Slack.
    await observed.platforms[0]!.stop(0);
    const down = await get(`http://127.0.0.1:${healthPort}`, '/healthz');
    expect(down.status).toBe(503);
    expect(down.json.down).toEqual(['slack']);
    expect(down.json.checks.slack.detail).toMatch(/not listening/);
  }, 20_000);
});

describe('/healthz with Slack in Socket Mode', () => {
  it('is 200 while the WebSocket is connected and 503 naming Slack once it is closed', async () => {
    slack = await startFakeSlack();
    observed = await startObserved({ ...slackEnv(slack), SLACK_APP_TOKEN: 'xapp-test', HEALTH_PORT: '0' });
    await slack.socketConnected();
    const base = `http://127.0.0.1:${observed.served!.port}`;
    const healthy = await getUntil(base, '/healthz', (r) => r.status === 200);
    expect(healthy.json.checks.slack).toEqual({ ok: true, detail: 'Socket Mode connected' });

    await observed.platforms[0]!.stop(0);
    const down = await get(base, '/healthz');
    expect(down.status).toBe(503);
    expect(down.json.down).toEqual(['slack']);
    expect(down.json.checks.slack.fix).toMatch(/SLACK_APP_TOKEN/);
  }, 20_000);
});
