import { afterEach, describe, expect, it } from 'vitest';
import { slowFeeds } from '../helpers/slow-feeds.js';
import { revisionsOf, startHarness, type DiscordHarness } from '../adapters/discord/harness.js';

// Discord `/trends` while today's report is being collected from the public feeds (minutes): the real
// discord.js client against the fake Discord. The deferred "thinking…" becomes a note saying so, and the
// report replaces it when ready, in the same message (the interaction token lives 15 minutes).

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('Discord: /trends during a feeds build', () => {
  it('edits the deferred reply into "being collected (3/7 requests…)", then into the report, with a thread', async () => {
    const feeds = slowFeeds();
    h = await startHarness({ source: feeds.source });
    const { fake } = h;
    fake.slashCommand({ name: 'trends' });
    await feeds.started;
    const building = await fake.waitFor((c) => c.method === 'PATCH' && /\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(c.path) && /being collected/.test(String((c.body as { content?: string }).content)), 5_000);
    const note = String((building.body as { content: string }).content);
    // Markdown-escaped as every text the bot sends to Discord.
    expect(note).toMatch(/Today's report is being collected from Reddit's public feeds \\\(3\/7 requests, waiting \d+ s: Reddit's rate limit, about 1 min left\\\); it will be posted here when ready\./);
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);

    feeds.release();
    const thread = await fake.waitFor((c) => c.method === 'POST' && /\/messages\/\d+\/threads$/.test(c.path), 10_000);
    expect((thread.body as { name: string }).name).toBe('Reddit AI Trend Report - 2026-02-11');
    // One public message: the note was edited into the report (every revision pings nobody).
    const original = /\/messages\/(\d+)\/threads$/.exec(thread.path)![1]!;
    const revisions = revisionsOf(fake, [fake.channelId]).filter((r) => r.content);
    expect(revisions.map((r) => r.kind)).toEqual(['edit', 'edit']);
    expect(revisions[1]!.content).toMatch(/Reddit AI Trend Report - 2026-02-11/);
    for (const revision of revisions) expect(revision.allowed_mentions).toMatchObject({ parse: [] });
    expect(fake.messages(fake.channelId).filter((m) => m.author.id === fake.botUser.id).map((m) => m.id)).toEqual([original]);
  }, 20_000);
});

describe('Discord: commands while the bot stops', () => {
  it('a new command is refused privately, as on Slack; the one waiting for today\'s report is told it stopped', async () => {
    const feeds = slowFeeds();
    h = await startHarness({ source: feeds.source });
    const { fake } = h;
    fake.slashCommand({ name: 'trends' });
    await feeds.started;
    const stopped = h.bot.stop(1_500);
    fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'week' }] });
    const refusal = await fake.waitForMessage((m) => /The bot is restarting; try again in a minute\./.test(m.content), 5_000);
    expect(refusal.flags & 64).toBe(64);
    await stopped;
    const cut = fake.messages(fake.channelId, { includeDeleted: true }).find((m) => /this answer stopped\. Run the command again in a minute\./.test(m.content));
    expect(cut?.flags).toBe(64);
    // Nothing public is left: the first command's "thinking…" made way for the note to its asker.
    expect(fake.messages(fake.channelId).filter((m) => m.author.id === fake.botUser.id && !(m.flags & 64))).toEqual([]);
    feeds.release();
  }, 20_000);
});
