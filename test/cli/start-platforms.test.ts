import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { runBin, spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';

// `npm start` with Discord configured: the real bin in a child process runs the Discord bot (and not the
// terminal) against the fake Discord, on the bundled sample, and stops cleanly on SIGTERM.

let fake: FakeDiscord | undefined;
let anthropic: FakeAnthropic | undefined;
let bot: RunningBin | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.close();
  await anthropic?.close();
  fake = anthropic = bot = undefined;
});

function discordEnv(fake: FakeDiscord): Record<string, string> {
  return { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, STORE_URL: tempStoreUrl() };
}

describe('ai-trends start with DISCORD_TOKEN', () => {
  it('runs the Discord bot on the sample, answers /trends, and on SIGTERM mid-answer cuts it with a note and exits 0 within 10 s', async () => {
    fake = await startFakeDiscord();
    anthropic = await startFakeAnthropic();
    // A slow answer: still streaming when the stop comes.
    anthropic.setDefault({ kind: 'message', content: [{ type: 'text', text: 'Seedance is the talk of the day. '.repeat(20) }], chunkDelayMs: 3_000 });
    bot = spawnBin(['start'], { ...discordEnv(fake), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: anthropic.baseURL, ANTHROPIC_MAX_RETRIES: '0', LOG_LEVEL: 'info' });
    for (let i = 0; i < 300 && !/discord: connected/.test(bot.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsTo('PUT', /\/commands$/)).toHaveLength(1);

    fake.slashCommand({ name: 'trends' });
    const threadCall = await fake.waitFor((c) => /\/messages\/\d+\/threads$/.test(c.path), 20_000);
    const threadId = /\/messages\/(\d+)\/threads$/.exec(threadCall.path)![1]!;
    await new Promise((r) => setTimeout(r, 300));
    fake.userMessage({ channelId: threadId, content: 'what is new with Seedance?' });
    await fake.waitForMessage((m) => m.channel_id === threadId && m.id !== threadId && m.author.id === fake!.botUser.id, 15_000);

    const stopped = Date.now();
    bot.child.kill('SIGTERM');
    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(10_000);
    expect(bot.stdout()).toBe(''); // no terminal chat
    expect(bot.stderr()).toMatch(/REDDIT_SOURCE=sample: using the bundled sample/);
    expect(bot.stderr()).toMatch(/discord: connected/);
    // The invite link, for the next server (the fake's bot is in one already).
    expect(bot.stderr()).toContain(`discord: invite the bot to another server: https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot+applications.commands&permissions=`);
    expect(fake.messages(threadId).some((m) => /restarting, so this answer stops here/.test(m.content))).toBe(true);
  }, 40_000);

  it('names the missing setting when only half of the Discord settings is given', async () => {
    const result = await runBin(['start'], { DISCORD_TOKEN: 'x'.repeat(30), STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DISCORD_APPLICATION_ID: is required when the other Discord setting is set/);
  });

  it('refuses a token Discord does not accept with one line naming DISCORD_TOKEN (exit 2)', async () => {
    fake = await startFakeDiscord();
    const result = await runBin(['start'], { ...discordEnv(fake), DISCORD_TOKEN: 'not-the-right-token-at-all-xyz' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DISCORD_TOKEN: Discord refused the bot token/);
  }, 20_000);
});

describe('ai-trends start with Slack settings', () => {
  it('names the missing signing secret for Slack over HTTP (exit 2)', async () => {
    const result = await runBin(['start'], { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/SLACK_SIGNING_SECRET: is required for Slack over HTTP \(or set SLACK_APP_TOKEN/);
  });

  it('runs Slack over HTTP against the fake Web API and answers a signed /trends', async () => {
    const { startFakeSlack } = await import('../fakes/slack/web-api.js');
    const { sendSlashCommand } = await import('../fakes/slack/signing.js');
    const slack = await startFakeSlack();
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    bot = spawnBin(['start'], { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'signing-secret-123', SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''), PORT: String(port), STORE_URL: tempStoreUrl() });
    for (let i = 0; i < 300 && !/slack: connected/.test(bot.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(bot.stderr()).toMatch(/slack: connected/);
    const acked = await sendSlashCommand(`http://127.0.0.1:${port}`, 'signing-secret-123', { text: 'week', teamId: slack.teamId, responseUrl: slack.responseUrl('r') });
    expect(acked.status).toBe(200);
    const post = await slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
    expect(JSON.stringify(post.args.blocks)).toMatch(/Weekly Popular Posts/);
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    await slack.close();
  }, 30_000);
});
