import { startDiscord, type DiscordBot } from '../../../adapters/discord/bot.js';
import type { DiscordSettings } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { DailyReports } from '../../../src/report/daily.js';
import type { ReportStep } from '../../../src/report/step.js';
import { sampleSource, type PostSource } from '../../../src/report/source.js';
import type { Store } from '../../../src/store/store.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.js';
import type { FakeAnthropic } from '../../fakes/anthropic.js';
import type { FakeOpenAI } from '../../fakes/openai.js';
import { makeFollowUps } from '../../followup/helpers.js';
import { openTempStore, tempSqliteUrl } from '../../helpers/store.js';
import { SAMPLE_NOW } from '../../commands/helpers.js';

// The Discord adapter end to end: the real discord.js client (inside startDiscord) against the fake
// Discord on 127.0.0.1, a real SQLite store holding the bundled sample day, and follow-up answers
// offline, from the fake Anthropic or from the fake OpenAI-compatible server.

export interface DiscordHarness {
  fake: FakeDiscord;
  bot: DiscordBot;
  store: Store;
  storeUrl: string;
  settings: DiscordSettings;
  stop(): Promise<void>;
}

export async function startHarness(options: { anthropic?: FakeAnthropic; openai?: FakeOpenAI; storeUrl?: string; fake?: FakeDiscord; messageContent?: boolean; source?: PostSource; steps?: ReportStep[] } = {}): Promise<DiscordHarness> {
  const fake = options.fake ?? (await startFakeDiscord());
  const storeUrl = options.storeUrl ?? tempSqliteUrl('ai-trends-discord-');
  const store = await openTempStore('sample', storeUrl);
  const settings: DiscordSettings = { token: fake.token, applicationId: fake.applicationId, apiBase: fake.apiBase, messageContent: options.messageContent ?? true };
  const followUps = makeFollowUps({ store, fake: options.anthropic, openai: options.openai, clock: () => new Date('2026-02-11T09:30:00Z') });
  const bot = await startDiscord({
    settings,
    services: { reports: new DailyReports(store, options.source ?? sampleSource(), options.steps), store },
    followUps,
    store,
    clock: () => SAMPLE_NOW,
    log: createLogger('silent'),
    editIntervalMs: 30,
    restTimeoutMs: 3_000,
    restRetries: 1,
  });
  return {
    fake,
    bot,
    store,
    storeUrl,
    settings,
    async stop() {
      await bot.stop(1_000);
      await store.close();
      if (!options.fake) await fake.close();
    },
  };
}

/** Every message and every revision (create and each edit) the bot made, with its allowed_mentions. */
export function revisionsOf(fake: FakeDiscord, channelIds: string[]) {
  return channelIds.flatMap((id) => fake.messages(id, { includeDeleted: true })).filter((m) => m.author.id === fake.botUser.id).flatMap((m) => m.history);
}

/** Runs /trends and returns the id of the thread it opened, once that thread is bound to the sample report. */
export async function openReportThread(h: DiscordHarness): Promise<string> {
  h.fake.slashCommand({ name: 'trends' });
  const call = await h.fake.waitFor((c) => /\/messages\/\d+\/threads$/.test(c.path), 5_000);
  const threadId = /\/messages\/(\d+)\/threads$/.exec(call.path)![1]!;
  // Bound right after the thread opens.
  for (let i = 0; i < 50 && !(await h.store.threads.get(`discord:${h.fake.channelId}:${threadId}`)); i++) await new Promise((r) => setTimeout(r, 10));
  return threadId;
}

/**
 * Asks `question` in the thread and waits for a streamed answer: typing, the bot's first message, then the
 * edit of that message whose text carries `url` (the grounded final one). Returns the first message.
 */
export async function askAndAwaitLink(h: DiscordHarness, threadId: string, question: string, url: string) {
  h.fake.userMessage({ channelId: threadId, content: question });
  await h.fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${threadId}/typing`, 5_000);
  const first = await h.fake.waitForMessage((m) => m.channel_id === threadId && m.author.id === h.fake.botUser.id, 5_000);
  await h.fake.waitFor((c) => c.method === 'PATCH' && c.path === `/channels/${threadId}/messages/${first.id}` && String((c.body as { content?: string }).content).includes(url), 8_000);
  return first;
}
