import { loadImage } from '@napi-rs/canvas';
import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../fakes/slack/signing.js';
import { chartBlockProblem } from '../fakes/slack/web-api.js';
import { startHarness, type DiscordHarness } from './discord/harness.js';
import { SECRET, startSlackHarness, type SlackHarness } from './slack/harness.js';

// `/trends week` carries the week's chart on both chat platforms, end to end with the real clients:
// Discord's answer (the deferred reply, edited) gets the PNG with its alt text, Slack's the native block.

let discord: DiscordHarness | undefined;
let slack: SlackHarness | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
  discord = slack = undefined;
});

describe('/trends week with its chart', () => {
  it('Discord: the answer carries the PNG, described in words', async () => {
    discord = await startHarness();
    const { fake } = discord;
    fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'week' }] });
    const answer = await fake.waitForMessage((m) => m.author.id === fake.botUser.id && m.attachments.length > 0, 10_000);
    expect(answer.content).toMatch(/^# Reddit AI Trend Report - 2026-02-11\n\n## Weekly Popular Posts/);
    const [attachment] = answer.attachments;
    expect(attachment).toMatchObject({ filename: 'ai-trends-week.png', content_type: 'image/png' });
    // No earlier day is stored: nothing to measure a rise against (the sample's RAG was "▲ rising" on
    // 106 points against an average of 0), so no topic is marked.
    expect(attachment!.description).toMatch(/Too few days are stored to say which topic is rising\./);
    expect(attachment!.description).not.toMatch(/Rising today/);
    expect(attachment!.description).toMatch(/No earlier day is stored yet/);
    const image = await loadImage(attachment!.data!);
    expect([image.width, image.height]).toEqual([800, 400]);
    // Other sections carry no chart.
    fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'today' }] });
    const today = await fake.waitForMessage((m) => m.author.id === fake.botUser.id && m.content.includes("Today's Trending Posts"), 10_000);
    expect(today.attachments).toEqual([]);
  }, 30_000);

  it('Slack: the first message holds the native chart block within its limits, with the short-history note', async () => {
    slack = await startSlackHarness();
    const command = (text: string) => ({ text, teamId: slack!.slack.teamId, responseUrl: slack!.slack.responseUrl('r1') });
    expect((await sendSlashCommand(slack.url, SECRET, command('week'))).status).toBe(200);
    const post = await slack.slack.waitFor((c) => c.method === 'chat.postMessage', 10_000);
    const blocks = post.args.blocks as Array<{ type: string; [key: string]: any }>;
    expect(blocks.map((b) => b.type).slice(0, 3)).toEqual(['header', 'data_visualization', 'context']);
    expect(chartBlockProblem(blocks[1])).toBeUndefined();
    expect(blocks[1]!.chart.series.map((s: { name: string }) => s.name)).toEqual(['Anthropic', 'Seedance', 'Humanoids', 'Agent', 'RAG']);
    expect(blocks[2]!.elements[0].text).toMatch(/No earlier day is stored yet/);
    // The chart's data never goes to Slack as an argument of its own.
    expect(post.args.chart).toBeUndefined();
  }, 30_000);
});
