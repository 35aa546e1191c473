import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { slowFeeds } from '../helpers/slow-feeds.js';
import { SECRET, startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';

// Slack `/trends` while today's report is being collected from the public feeds (minutes): the real Bolt App
// over HTTP against the fake Web API. The asker is told privately (response_url) that it is being built; the
// report is posted in the channel with the bot token when ready, however long that takes.

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('Slack: /trends during a feeds build', () => {
  it('answers the asker privately that the report is being collected (3/7 requests…), then posts the report in the channel', async () => {
    const feeds = slowFeeds();
    h = await startSlackHarness({ source: feeds.source });
    const { slack } = h;
    const acked = await sendSlashCommand(h.url, SECRET, { text: '', teamId: slack.teamId, responseUrl: slack.responseUrl('r1') });
    expect(acked.status).toBe(200);
    await feeds.started;
    for (let i = 0; i < 100 && slack.responses.length < 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(slack.responses.map((r) => r.body.response_type)).toEqual(['ephemeral']);
    expect(JSON.stringify(slack.responses[0]!.body)).toMatch(/Today's report is being collected from Reddit's public feeds \(3\/7 requests, waiting \d+ s: Reddit's rate limit, about 1 min left\); it will be posted here when ready\./);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);

    feeds.release();
    const post = await slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
    expect(String(post.args.text)).toMatch(/Reddit AI Trend Report - 2026-02-11/);
    expect(slack.responses).toHaveLength(1);
  }, 20_000);
});

describe('Slack: commands while the bot stops', () => {
  it('a new command is refused privately, as on Discord; the one waiting for today\'s report is told it stopped', async () => {
    const feeds = slowFeeds();
    h = await startSlackHarness({ source: feeds.source });
    const { slack } = h;
    await sendSlashCommand(h.url, SECRET, { text: '', teamId: slack.teamId, responseUrl: slack.responseUrl('first') });
    await feeds.started;
    const stopped = h.bot.stop(1_500);
    await sendSlashCommand(h.url, SECRET, { text: 'week', teamId: slack.teamId, responseUrl: slack.responseUrl('second') });
    await stopped;
    // Stopped here: the harness has only the fake and the store left to close.
    const { store } = h;
    h = { ...h, stop: async () => (await slack.close(), await store.close()) };
    const said = (id: string) => slack.responses.filter((r) => r.id === id).map((r) => JSON.stringify(r.body));
    expect(said('second')).toEqual([expect.stringMatching(/The bot is restarting; try again in a minute\./)]);
    expect(said('first').at(-1)).toMatch(/this answer stopped\. Run the command again in a minute\./);
    for (const response of slack.responses) expect(response.body.response_type).toBe('ephemeral');
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    feeds.release();
  }, 20_000);
});
