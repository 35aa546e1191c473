import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/web-api.js';
import { startObserved, type Observed } from '../health/helpers.js';
import { freePort } from '../helpers/free-port.js';
import { memoryLog } from '../helpers/memory-log.js';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.js';

// Commands while the store is gone: the app as `ai-trends start` wires it, on a real Redis that is
// stopped mid-test, with the real discord.js Client and Bolt App against the fakes. Every store call has
// a deadline (STORE_TIMEOUT_MS), so /trends and /trends-subscribe are answered, privately, that the
// store is unavailable, within the deadline and a margin (they waited silently for as long as Redis was
// away), and the operator gets a log line naming the command.

const DEADLINE_MS = 1_000;
const MARGIN_MS = 2_000;
const SECRET = 'signing-secret-123';
const UNAVAILABLE = /could not finish: the bot's store is unavailable, try again in a minute/;

let redis: TestRedis | undefined;
let discord: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
let observed: Observed | undefined;
afterEach(async () => {
  await observed?.stop();
  await discord?.close();
  await slack?.close();
  await redis?.stop();
  redis = discord = slack = observed = undefined;
});

describe.skipIf(!redisAvailable)('commands while Redis is down', () => {
  it('are answered on Discord and Slack within STORE_TIMEOUT_MS and a margin, privately, with a log line', async () => {
    redis = await startRedis();
    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    const port = await freePort();
    const { log, lines } = memoryLog();
    observed = await startObserved(
      {
        STORE_URL: redis.url,
        STORE_TIMEOUT_MS: String(DEADLINE_MS),
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_BASE: discord.apiBase,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl.replace(/\/$/, ''),
        SLACK_ADMIN_USER_IDS: 'U0000USER',
        PORT: String(port),
      },
      { log },
    );
    await redis.stop();

    // Discord: the public "thinking…" is replaced by a private note, for /trends and an admin's /trends-subscribe.
    for (const name of ['trends', 'trends-subscribe']) {
      const asked = Date.now();
      discord.slashCommand({ name });
      const note = await discord.waitForMessage((m) => UNAVAILABLE.test(m.content) && m.content.includes(`/${name.replace('trends-', '')}`), DEADLINE_MS + MARGIN_MS);
      expect(Date.now() - asked).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(note.flags! & 64).toBe(64); // ephemeral
    }

    // Slack: acked at once, then answered to the asker only (response_url, ephemeral).
    for (const [id, text] of [['trends', 'week'], ['subscribe', 'subscribe 07:30']] as const) {
      const asked = Date.now();
      const acked = await sendSlashCommand(`http://127.0.0.1:${port}`, SECRET, { text, teamId: slack.teamId, responseUrl: slack.responseUrl(id) });
      expect(acked.status).toBe(200);
      for (; !slack.responses.some((r) => r.id === id) && Date.now() - asked < DEADLINE_MS + MARGIN_MS; ) await new Promise((r) => setTimeout(r, 20));
      const answer = slack.responses.find((r) => r.id === id);
      expect(answer, `no answer to /trends ${text}`).toBeDefined();
      expect(answer!.at - asked).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(answer!.body).toMatchObject({ response_type: 'ephemeral' });
      expect(JSON.stringify(answer!.body)).toMatch(UNAVAILABLE);
    }
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);

    // The operator: one line per failed command, naming it, the platform and the setting to look at.
    const failed = lines().filter((l) => /^\/(trends|subscribe) failed$/.test(String(l.msg)));
    expect(failed.map((l) => `${l.platform} ${l.command}`).sort()).toEqual(['discord subscribe', 'discord trends', 'slack subscribe', 'slack trends']);
    for (const line of failed) expect(line.err).toMatch(/STORE_URL \(redis:\/\/127\.0\.0\.1:\d+\): .* got no answer within 1000 ms \(STORE_TIMEOUT_MS\)/);
  }, 40_000);
});
