import { Writable } from 'node:stream';
import { loadImage } from '@napi-rs/canvas';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTACH_FILES_NOTE } from '../../adapters/discord/chat.js';
import { startDiscord } from '../../adapters/discord/bot.js';
import { createSlackBot } from '../../adapters/slack/bot.js';
import { CHART_FAILED_NOTE } from '../../src/chat/deliver.js';
import type { Logger } from '../../src/log.js';
import type { ChartPngRenderer } from '../../src/render/chart-png.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { deliveryPass } from '../../src/schedule/pass.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { chartBlockProblem, startFakeSlack } from '../fakes/slack/web-api.js';
import { makeFollowUps } from '../followup/helpers.js';
import { samplePassDeps, stopMorning, subscribeChannels, type MorningRig } from '../helpers/morning.js';
import { openTempStore } from '../helpers/store.js';
import { storeSyntheticHistory, syntheticWeek } from '../helpers/synthetic-week.js';

// The morning post carries the week's chart, end to end: the real discord.js Client and Bolt's Web API
// client against the fakes, a real SQLite store with the sample day and a stored week of snapshots.
// Discord gets a PNG attachment with alt text; Slack the native chart block, or a PNG in the thread when
// the block is refused; and when the chart cannot be drawn the post still goes out, saying so.

const rig: MorningRig = {};
afterEach(() => stopMorning(rig));

const failingRenderer: ChartPngRenderer = () => {
  throw new Error('canvas exploded');
};

/** A logger whose lines the test can read. */
function capturedLog(): { log: Logger; lines: () => Array<{ level: number; msg: string }> } {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { log: pino({ level: 'warn' }, stream) as unknown as Logger, lines: () => lines.map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

async function setUp(options: { renderChart?: ChartPngRenderer } = {}) {
  const discord = (rig.discord = await startFakeDiscord());
  const slack = (rig.slack = await startFakeSlack());
  const store = (rig.store = await openTempStore('sample'));
  // The six days before the sample day, as earlier daily builds would have stored them.
  await storeSyntheticHistory(store, syntheticWeek());
  await subscribeChannels(store, 'discord', discord.guildId, [discord.channelId]);
  await subscribeChannels(store, 'slack', slack.teamId, ['C0MORNING']);
  const reports = new DailyReports(store, sampleSource());
  const followUps = makeFollowUps({ store });
  const { log, lines } = capturedLog();
  const bot = (rig.bot = await startDiscord({ settings: { token: discord.token, applicationId: discord.applicationId, apiBase: discord.apiBase, messageContent: true }, services: { reports, store }, followUps, store, clock: () => new Date(), log, listen: false, renderChart: options.renderChart }));
  const slackBot = createSlackBot({ botToken: 'xoxb-chart', signingSecret: 'chart-signing-secret', apiUrl: slack.apiUrl, botUserId: slack.botUserId, botId: slack.botId, services: { reports, store }, followUps, store, clock: () => new Date(), log, retries: 0, renderChart: options.renderChart });
  const pass = () => deliveryPass(samplePassDeps({ store, reports, chats: { discord: bot.chat, slack: slackBot.chat }, followUps, log }), { now: new Date('2026-02-11T08:00:30Z') });
  return { pass, lines };
}

const discordPost = () => rig.discord!.messages(rig.discord!.channelId).filter((m) => m.author.id === rig.discord!.botUser.id)[0]!;
const slackTop = () => rig.slack!.messages('C0MORNING').filter((m) => !m.thread_ts)[0]!;
const blocksOf = (message: { blocks?: unknown[] }) => (message.blocks ?? []) as Array<{ type: string; [key: string]: any }>;

describe('the morning post with its chart', () => {
  it('Discord: a PNG of about 800×400 attached, described in words; Slack: the native chart block within its limits', async () => {
    const { pass } = await setUp();
    expect((await pass()).map((i) => i.outcome)).toEqual(['posted', 'posted']);

    const [attachment, ...others] = discordPost().attachments;
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({ filename: 'ai-trends-week.png', content_type: 'image/png' });
    const image = await loadImage(attachment!.data!);
    expect([image.width, image.height]).toEqual([800, 400]);
    // The alt text states the top movers in words.
    expect(attachment!.description).toMatch(/^Line chart: points per day of the 5 topics with the most attention over the 7 days to 2026-02-11 08:00 UTC/);
    expect(attachment!.description).toMatch(/Rising today: Seedance \([\d,]+ points in the last 24 hours/);
    expect(discordPost().content).not.toContain(CHART_FAILED_NOTE);

    const blocks = blocksOf(slackTop());
    const charts = blocks.filter((b) => b.type === 'data_visualization');
    expect(charts).toHaveLength(1);
    expect(chartBlockProblem(charts[0])).toBeUndefined();
    // Right under the title, with the topics and the days of the week.
    expect(blocks[0]!.type).toBe('header');
    expect(blocks[1]).toBe(charts[0]);
    expect(charts[0]!.chart.axis_config.categories).toEqual(['Feb 5', 'Feb 6', 'Feb 7', 'Feb 8', 'Feb 9', 'Feb 10', 'Feb 11']);
    // The sample day's Seedance rises against the stored week; Slack's series name marks it.
    expect(charts[0]!.chart.series.map((s: { name: string }) => s.name)).toContain('Seedance ▲');
    // A full week is stored: no note about missing days.
    expect(JSON.stringify(blocks)).not.toContain('stored');
    expect(rig.slack!.files).toEqual([]);
  }, 30_000);

  it('Slack refuses the block: the post goes out without it and the PNG follows in its thread, with alt text', async () => {
    const { pass, lines } = await setUp();
    rig.slack!.onCall((call) => (call.method === 'chat.postMessage' && JSON.stringify(call.args.blocks ?? []).includes('data_visualization') ? { error: 'invalid_blocks' } : undefined));
    expect((await pass()).map((i) => i.outcome)).toEqual(['posted', 'posted']);

    const top = slackTop();
    expect(blocksOf(top).some((b) => b.type === 'data_visualization')).toBe(false);
    expect(JSON.stringify(top.blocks)).not.toContain(CHART_FAILED_NOTE);
    const [file, ...more] = rig.slack!.files;
    expect(more).toEqual([]);
    expect(file).toMatchObject({ filename: 'ai-trends-week.png', completed: true, channel: 'C0MORNING', thread_ts: top.ts, title: 'Topic momentum, last 7 days' });
    expect(file!.alt_text).toMatch(/Rising today: Seedance/);
    const image = await loadImage(file!.data!);
    expect([image.width, image.height]).toEqual([800, 400]);
    expect(lines().some((l) => /native chart block was refused/.test(l.msg))).toBe(true);
  }, 30_000);

  it('Discord: a channel without Attach Files refuses the chart, not the report', async () => {
    const { pass, lines } = await setUp();
    rig.discord!.failNext({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    expect((await pass()).map((i) => i.outcome)).toEqual(['posted', 'posted']);
    const post = discordPost();
    expect(post.attachments).toEqual([]);
    expect(post.content).toContain(`> ⚠️ ${ATTACH_FILES_NOTE}`);
    expect(post.content).toMatch(/^# Reddit AI Trend Report - 2026-02-11/);
    expect(lines().some((l) => /the chart was refused/.test(l.msg))).toBe(true);
    expect(await rig.store!.subscriptions.get(`discord:${rig.discord!.channelId}`)).not.toHaveProperty('paused');
  }, 30_000);

  it('the chart cannot be drawn: the post still goes out on both platforms, without it and with a warning (visible and logged)', async () => {
    const { pass, lines } = await setUp({ renderChart: failingRenderer });
    // Slack's native block needs no drawing: refuse it, so Slack needs the PNG that cannot be drawn.
    rig.slack!.onCall((call) => (call.method === 'chat.postMessage' && JSON.stringify(call.args.blocks ?? []).includes('data_visualization') ? { error: 'invalid_blocks' } : undefined));
    expect((await pass()).map((i) => i.outcome)).toEqual(['posted', 'posted']);

    const post = discordPost();
    expect(post.attachments).toEqual([]);
    expect(post.content).toContain(`> ⚠️ ${CHART_FAILED_NOTE}`);
    // The rest of the post is all there: the title and today's top posts.
    expect(post.content).toMatch(/^# Reddit AI Trend Report - 2026-02-11/);
    expect(post.content).toContain("## Today's top 5");

    const top = slackTop();
    expect(blocksOf(top).some((b) => b.type === 'data_visualization')).toBe(false);
    expect(JSON.stringify(top.blocks)).toContain(CHART_FAILED_NOTE);
    expect(rig.slack!.files).toEqual([]);

    const warnings = lines().filter((l) => l.level === 40 && /the chart could not be drawn/.test(l.msg));
    expect(warnings).toHaveLength(2);
  }, 30_000);
});
