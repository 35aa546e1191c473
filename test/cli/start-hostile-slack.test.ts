import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { sendSigned, sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { getUntil } from '../health/helpers.js';
import { freePort } from '../helpers/free-port.js';
import { spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';

// `ai-trends start` with Discord and Slack in one process (the real bin, the real discord.js Client and
// Bolt App against the fakes) is sent what breaks a chat SDK: a validly signed `null` body over HTTP, a
// `null` frame over Socket Mode. Either once ended the process, and Discord, the morning posts and
// /healthz went down with it. The bot must answer /healthz and a valid command afterwards.

const SECRET = 'signing-secret-123';
let discord: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
let bot: RunningBin | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await discord?.close();
  await slack?.close();
  discord = slack = bot = undefined;
});

async function waitForLog(running: RunningBin, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  for (const started = Date.now(); !pattern.test(running.stderr()) && Date.now() - started < timeoutMs; ) await new Promise((r) => setTimeout(r, 50));
  expect(running.stderr()).toMatch(pattern);
}

function env(extra: Record<string, string>): Record<string, string> {
  return {
    DISCORD_TOKEN: discord!.token,
    DISCORD_APPLICATION_ID: discord!.applicationId,
    DISCORD_API_BASE: discord!.apiBase,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack!.apiUrl.replace(/\/$/, ''),
    STORE_URL: tempStoreUrl(),
    LOG_LEVEL: 'info',
    ...extra,
  };
}

describe('ai-trends start, sent what Slack never sends', () => {
  it('over HTTP: a signed null body is refused (400) and the bot still answers /healthz, Slack and Discord', async () => {
    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    const port = await freePort();
    bot = spawnBin(['start'], env({ SLACK_SIGNING_SECRET: SECRET, PORT: String(port) }));
    await waitForLog(bot, /discord: connected[\s\S]*slack: connected|slack: connected[\s\S]*discord: connected/);
    const base = `http://127.0.0.1:${port}`;

    const refused = await sendSigned(base, SECRET, 'null');
    expect(refused.status).toBe(400);
    await sendSigned(base, SECRET, 'payload=null', { contentType: 'application/x-www-form-urlencoded' });
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.child.exitCode).toBeNull();

    const health = await getUntil(base, '/healthz', (r) => r.status === 200, 10_000);
    expect(health.json).toMatchObject({ ok: true, checks: { store: { ok: true }, discord: { ok: true }, slack: { ok: true } } });
    const acked = await sendSlashCommand(base, SECRET, { text: 'week', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
    expect(acked.status).toBe(200);
    await slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);
    discord.slashCommand({ name: 'trends' });
    await discord.waitFor((c) => /\/messages\/\d+\/threads$/.test(c.path), 20_000);
    expect(bot.stderr()).toMatch(/slack: refused a request to \/slack\/events: a body that is null, not a JSON object/);

    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  }, 60_000);

  it('in Socket Mode: a null frame is logged as a failed promise and the bot carries on', async () => {
    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    const healthPort = await freePort();
    bot = spawnBin(['start'], env({ SLACK_APP_TOKEN: 'xapp-test', HEALTH_PORT: String(healthPort), HEALTH_HOST: '127.0.0.1' }));
    await waitForLog(bot, /discord: connected[\s\S]*slack: connected|slack: connected[\s\S]*discord: connected/);
    await slack.socketConnected();

    slack.sendRaw('null');
    await waitForLog(bot, /a promise failed with nobody waiting for it/, 5_000);
    expect(bot.child.exitCode).toBeNull();

    const health = await getUntil(`http://127.0.0.1:${healthPort}`, '/healthz', (r) => r.status === 200, 10_000);
    expect(health.json).toMatchObject({ ok: true, checks: { discord: { ok: true }, slack: { ok: true } } });
    await slack.deliver('slash_commands', { command: '/trends', text: 'week', team_id: slack.teamId, channel_id: 'C0000CHAN', user_id: 'U0000USER', response_url: slack.responseUrl('s') });
    await slack.waitFor((c) => c.method === 'chat.postMessage', 15_000);

    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
  }, 60_000);
});
