import { afterEach, describe, expect, it } from 'vitest';
import { createSlackBot } from '../../../adapters/slack/bot.js';
import { createLogger } from '../../../src/log.js';
import { DailyReports } from '../../../src/report/daily.js';
import { sampleSource } from '../../../src/report/source.js';
import { loadSample } from '../../../src/sample/sample.js';
import { deliveryPass } from '../../../src/schedule/pass.js';
import { startFakeSlack } from '../../fakes/slack/web-api.js';
import { makeFollowUps } from '../../followup/helpers.js';
import { samplePassDeps, stopMorning, subscribeChannels, type MorningRig } from '../../helpers/morning.js';
import { openTempStore } from '../../helpers/store.js';

// A morning pass to 120 Slack channels of one workspace whose allowance (20 posts a second, over any
// rolling second, and one a second per channel) the bot is not told: the first 429s teach it, every later
// post goes evenly under it, and an answer posted meanwhile goes at once, not behind the pass's queue.

const rig: MorningRig = {};
afterEach(() => stopMorning(rig));

describe('Slack pacing in a morning pass', () => {
  it('learns the workspace allowance from the first 429, meets no other, and lets an answer through within a second', async () => {
    const slack = (rig.slack = await startFakeSlack({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: 20 } }));
    const store = (rig.store = await openTempStore('sample'));
    const channels = Array.from({ length: 120 }, (_, i) => `C${String(i).padStart(8, '0')}`);
    await subscribeChannels(store, 'slack', slack.teamId, channels);
    const reports = new DailyReports(store, sampleSource());
    await reports.get({ now: loadSample().now });
    const followUps = makeFollowUps({ store });
    const log = createLogger('silent');
    const bot = createSlackBot({ botToken: 'xoxb-pacing', signingSecret: 'pacing-signing-secret', apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId, services: { reports, store }, followUps, store, clock: () => new Date(), log });

    const started = Date.now();
    const passing = deliveryPass(samplePassDeps({ store, reports, chats: { slack: bot.chat }, followUps, log }), { now: new Date('2026-02-11T08:00:30Z') });
    // Two seconds in, with most of the pass still queued, an answer in another channel's thread.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(slack.accepted.length).toBeLessThan(100);
    const asked = Date.now();
    await bot.chat.post({ platform: 'slack', workspaceId: slack.teamId, channelId: 'CANSWERS', threadId: '1770796800.000001' }, bot.chat.draft('an answer'));
    const answerMs = Date.now() - asked;
    const items = await passing;
    const seconds = (Date.now() - started) / 1000;

    expect(items.map((i) => i.outcome)).toEqual(Array(120).fill('posted'));
    for (const channel of channels) expect(slack.messages(channel).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(answerMs).toBeLessThan(1_000);
    // Learnt: just under 20 a second. The 429s are those of the first burst (the posts in flight when the window filled).
    expect(bot.chat.pacing.allowance(slack.teamId)).toBe(18);
    expect(slack.rateLimited).toBeGreaterThan(0);
    expect(slack.rateLimited).toBeLessThanOrEqual(8);
    const refused = slack.calls.filter((c) => c.rateLimited).map((c) => c.at);
    expect(Math.max(...refused) - Math.min(...refused)).toBeLessThan(1_000);
    // The floor is 6 s (120 posts at 20 a second): the pass is not far over it.
    expect(seconds).toBeLessThan(6 * 1.5);
  }, 30_000);
});
