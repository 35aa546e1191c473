import { afterEach, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../commands/index.js';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import type { ChatAdapter } from '../../src/chat/adapter.js';
import { createLogger } from '../../src/log.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderTextReply } from '../../src/render/text.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import type { Store } from '../../src/store/store.js';
import { startHarness, type DiscordHarness } from '../adapters/discord/harness.js';
import { startSlackHarness, type SlackHarness } from '../adapters/slack/harness.js';
import { openHarness } from '../commands/helpers.js';
import { makeFollowUps } from '../followup/helpers.js';
import { samplePassDeps, subscribeChannels } from '../helpers/morning.js';

// PUBLIC_URL: the morning post and /trends end with "Full report and archive: PUBLIC_URL/reports/DATE", on
// every platform (the line is a block of the Reply, so each renderer links it its own way).

const PUBLIC_URL = 'https://trends.example.org';
const PAGE = `${PUBLIC_URL}/reports/2026-02-11`;
const LABEL = 'trends.example.org/reports/2026-02-11';
const NOW = new Date('2026-02-11T08:00:30Z');

let discord: DiscordHarness | undefined;
let slack: SlackHarness | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  discord = slack = undefined;
});

function pass(store: Store, platform: 'discord' | 'slack', chat: ChatAdapter) {
  const reports = new DailyReports(store, sampleSource(), [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })]);
  return deliveryPass({ ...samplePassDeps({ store, reports, chats: { [platform]: chat }, followUps: makeFollowUps({ store }), log: createLogger('silent') }), publicUrl: PUBLIC_URL }, { now: NOW });
}

describe('the morning post with PUBLIC_URL', () => {
  it('ends with the link to the day on Discord', async () => {
    discord = await startHarness();
    const { fake, store, bot } = discord;
    await subscribeChannels(store, 'discord', fake.guildId, [fake.channelId]);
    expect((await pass(store, 'discord', bot.chat)).map((i) => i.outcome)).toEqual(['posted']);
    const posted = fake.messages(fake.channelId).filter((m) => m.author.id === fake.botUser.id);
    expect(posted.at(-1)!.content.trimEnd().endsWith(`Full report and archive: [${LABEL}](<${PAGE}>)`)).toBe(true);
  });

  it('ends with the link to the day on Slack', async () => {
    slack = await startSlackHarness();
    const { store, bot } = slack;
    await subscribeChannels(store, 'slack', slack.slack.teamId, ['C0MORNING']);
    expect((await pass(store, 'slack', bot.chat)).map((i) => i.outcome)).toEqual(['posted']);
    const text = JSON.stringify(slack.slack.messages('C0MORNING')[0]!.blocks);
    expect(text).toContain(`Full report and archive: <${PAGE}|${LABEL}>`);
  });
});

describe('/trends with PUBLIC_URL', () => {
  it('ends with the line on Discord, Slack and the terminal; without it, no line', async () => {
    const h = await openHarness();
    try {
      const context = h.context();
      const reply = await runCommandLine('/trends', { ...context, services: { ...context.services, publicUrl: PUBLIC_URL } });
      const last = reply.blocks.at(-1)!;
      expect(last).toEqual({ type: 'paragraph', spans: [{ text: 'Full report and archive: ' }, { text: LABEL, url: PAGE }] });
      expect(renderDiscord(reply).at(-1)!.content).toContain(`Full report and archive: [${LABEL}](<${PAGE}>)`);
      expect(JSON.stringify(renderSlack(reply))).toContain(`Full report and archive: <${PAGE}|${LABEL}>`);
      expect(renderTextReply(reply)).toMatch(/Full report and archive: trends\.example\.org\/reports\/2026-02-11\s+<https:\/\/trends\.example\.org\/reports\/2026-02-11>/);
      // Each shorter version (Discord's one message) keeps the line too.
      for (let r = reply.shorter; r; r = r.shorter) expect(r.blocks.at(-1)).toEqual(last);
      const without = await runCommandLine('/trends week', context);
      expect(renderTextReply(without)).not.toContain('Full report and archive');
    } finally {
      await h.close();
    }
  });
});
