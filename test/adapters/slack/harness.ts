import { createSlackBot, type SlackBot, type SlackBotOptions } from '../../../adapters/slack/bot.js';
import { createAnalysisStep } from '../../../src/analysis/analyze.js';
import { createLogger } from '../../../src/log.js';
import { DailyReports } from '../../../src/report/daily.js';
import { sampleSource, type PostSource } from '../../../src/report/source.js';
import type { Store } from '../../../src/store/store.js';
import { SAMPLE_NOW } from '../../commands/helpers.js';
import type { FakeAnthropic } from '../../fakes/anthropic.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/web-api.js';
import { makeFollowUps } from '../../followup/helpers.js';
import { openTempStore } from '../../helpers/store.js';

// The Slack adapter end to end: the real Bolt App (HTTP with signing, or Socket Mode) against the fake
// Slack on 127.0.0.1, a real SQLite store with the bundled sample day and its offline analysis, and
// answers offline or from the fake Anthropic.

export const SECRET = 'test-signing-secret';

export interface SlackHarness {
  slack: FakeSlack;
  store: Store;
  bot: SlackBot;
  /** The app's HTTP base (HTTP mode). */
  url: string;
  stop(): Promise<void>;
}

export async function startSlackHarness(options: { anthropic?: FakeAnthropic; socketMode?: boolean; retries?: number; source?: PostSource } & Partial<Pick<SlackBotOptions, 'editIntervalMs' | 'adminUserIds'>> = {}): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  const store = await openTempStore('sample');
  const bot = createSlackBot({
    botToken: 'xoxb-test',
    ...(options.socketMode ? { appToken: 'xapp-test' } : { signingSecret: SECRET }),
    apiUrl: slack.apiUrl,
    botUserId: slack.botUserId,
    botId: slack.botId,
    adminUserIds: options.adminUserIds,
    // With the offline analysis, as in the app: `/trends full` then needs more than one Slack message.
    services: { reports: new DailyReports(store, options.source ?? sampleSource(), [createAnalysisStep({ store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })]), store },
    followUps: makeFollowUps({ store, fake: options.anthropic }),
    store,
    clock: () => SAMPLE_NOW,
    log: createLogger('silent'),
    retries: options.retries ?? 1,
    editIntervalMs: options.editIntervalMs ?? 20,
  });
  const port = await bot.start(0);
  return {
    slack,
    store,
    bot,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await bot.stop(300);
      await slack.close();
      await store.close();
    },
  };
}
