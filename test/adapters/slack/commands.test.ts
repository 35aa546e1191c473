import { afterEach, describe, expect, it } from 'vitest';
import { slackBlockText, type SlackBlock } from '../../../src/render/slack.js';
import { DailyReports } from '../../../src/report/daily.js';
import { sampleSource } from '../../../src/report/source.js';
import type { Store } from '../../../src/store/store.js';
import { SAMPLE_NOW } from '../../commands/helpers.js';
import { sendSlashCommand } from '../../fakes/slack/signing.js';
import type { FakeSlack } from '../../fakes/slack/web-api.js';
import { reportSections } from '../../../src/reply/report.js';
import { containsMention } from '../../../src/text/mentions.js';
import { SECRET, startSlackHarness, type SlackHarness } from './harness.js';

// The Slack `/trends` command end to end: the real Bolt App over HTTP, signed requests, the fake Web API.

let h: SlackHarness | undefined;
let store: Store | undefined;
afterEach(async () => {
  await h?.stop();
  h = store = undefined;
});

async function start(options: Parameters<typeof startSlackHarness>[0] = {}) {
  h = await startSlackHarness(options);
  ({ store } = h);
  return { slack: h.slack, url: h.url };
}

const command = (slack: FakeSlack, text: string, extra: { userId?: string } = {}) => ({ text, teamId: slack.teamId, responseUrl: slack.responseUrl('r1'), ...extra });

describe('Slack /trends over HTTP', () => {
  it('refuses a bad signature and a stale timestamp with 401, and runs nothing', async () => {
    const { slack, url } = await start();
    expect((await sendSlashCommand(url, SECRET, command(slack, 'week'), { badSignature: true })).status).toBe(401);
    expect((await sendSlashCommand(url, SECRET, command(slack, 'week'), { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('acks, then posts the answer in the channel within Block Kit limits, and binds its ts as the thread', async () => {
    const { slack, url } = await start();
    const acked = await sendSlashCommand(url, SECRET, command(slack, 'full'));
    expect(acked.status).toBe(200);
    const first = await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
    expect(first.args.thread_ts).toBeUndefined();
    expect(first.args.unfurl_links).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    const parent = slack.messages('C0000CHAN')[0]!;
    // The rest of the report continues in the thread of the first message.
    for (const post of posts.slice(1)) expect(post.args.thread_ts).toBe(parent.ts);
    for (const post of posts) {
      const blocks = post.args.blocks as SlackBlock[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(blocks.map(slackBlockText).join('').length).toBeLessThanOrEqual(12_000);
      expect(String(post.args.text).length).toBeGreaterThan(0);
    }
    expect(await store!.threads.get(`slack:C0000CHAN:${parent.ts}`)).toMatchObject({ reportDate: '2026-02-11' });
  });

  it.each(reportSections)('/trends %s: acked, then blocks within the limits', async (section) => {
    const { slack, url } = await start();
    expect((await sendSlashCommand(url, SECRET, command(slack, section))).status).toBe(200);
    await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
    await new Promise((r) => setTimeout(r, 100));
    for (const post of slack.calls.filter((c) => c.method === 'chat.postMessage')) {
      const blocks = post.args.blocks as SlackBlock[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) expect(slackBlockText(block).length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3000);
      expect(containsMention(blocks.map(slackBlockText).join('\n'))).toBe(false);
    }
  });

  it('a 429 on chat.postMessage is waited out (Retry-After): one message, nothing lost', async () => {
    const { slack, url } = await start();
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await sendSlashCommand(url, SECRET, command(slack, 'week'));
    for (let i = 0; i < 200 && slack.messages('C0000CHAN').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(slack.messages('C0000CHAN')).toHaveLength(1);
  }, 10_000);

  it('answers errors and help privately through the response URL', async () => {
    const { slack, url } = await start();
    await sendSlashCommand(url, SECRET, command(slack, 'weak'));
    await sendSlashCommand(url, SECRET, command(slack, 'help'));
    for (let i = 0; i < 50 && slack.responses.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slack.responses.map((r) => r.body.response_type)).toEqual(['ephemeral', 'ephemeral']);
    const bodies = slack.responses.map((r) => JSON.stringify(r.body));
    expect(bodies.some((b) => /Did you mean \\"week\\"/.test(b))).toBe(true);
    expect(bodies.some((b) => /Commands/.test(b) && /\/trends subscribe \[HH:MM\]/.test(b))).toBe(true);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('subscribe: refused privately to a member, stored for a workspace admin (users.info)', async () => {
    const { slack, url } = await start();
    slack.addUser({ id: 'UADMIN', is_admin: true });
    await sendSlashCommand(url, SECRET, command(slack, 'subscribe 07:30 Europe/Berlin', { userId: 'UMEMBER' }));
    for (let i = 0; i < 50 && slack.responses.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    // Commands are named as Slack users type them.
    expect(JSON.stringify(slack.responses[0]!.body)).toMatch(/only admins can use \/trends subscribe:/);
    await sendSlashCommand(url, SECRET, command(slack, 'subscribe 07:30 Europe/Berlin', { userId: 'UADMIN' }));
    await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
    expect(await store!.subscriptions.get('slack:C0000CHAN')).toMatchObject({ target: { platform: 'slack', workspaceId: slack.teamId }, time: '07:30' });
  });

  it('acks before any work: the HTTP answer comes while users.info is still pending', async () => {
    const { slack, url } = await start();
    slack.failNext('users.info', { delayMs: 1_500 });
    const started = Date.now();
    expect((await sendSlashCommand(url, SECRET, command(slack, 'subscriptions', { userId: 'USLOW' }))).status).toBe(200);
    const ackedAfter = Date.now() - started;
    expect(ackedAfter).toBeLessThan(1_500);
    await slack.waitFor((c) => c.method === 'users.info', 1_000);
    expect(slack.responses).toEqual([]);
    // The answer follows once users.info does.
    for (let i = 0; i < 150 && slack.responses.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    // The listing changes nothing: a member is told why it is for admins, not that it changes the channel.
    const refusal = JSON.stringify(slack.responses[0]!.body);
    expect(refusal).toMatch(/only admins can use \/trends subscriptions: it lists the morning posts of every channel here, private channels included\./);
    expect(refusal).not.toMatch(/changes what this channel receives/);
  });

  it('admins: SLACK_ADMIN_USER_IDS without a users.info call, owners by users.info, each user looked up once', async () => {
    const { slack, url } = await start({ adminUserIds: ['ULISTED'] });
    slack.addUser({ id: 'UOWNER', is_owner: true });
    await sendSlashCommand(url, SECRET, command(slack, 'subscribe 07:30', { userId: 'ULISTED' }));
    await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
    expect(slack.calls.filter((c) => c.method === 'users.info')).toEqual([]);
    // Two at once from one user: one users.info between them.
    await Promise.all([sendSlashCommand(url, SECRET, command(slack, 'subscribe 09:00', { userId: 'UOWNER' })), sendSlashCommand(url, SECRET, command(slack, 'subscribe 09:30', { userId: 'UOWNER' }))]);
    for (let i = 0; i < 100 && slack.calls.filter((c) => c.method === 'chat.postMessage').length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await store!.subscriptions.get('slack:C0000CHAN')).toMatchObject({ time: expect.stringMatching(/^09:[03]0$/), createdBy: 'UOWNER' });
    expect(slack.calls.filter((c) => c.method === 'users.info').map((c) => c.args.user)).toEqual(['UOWNER']);
  });

  it('users.info failing: the asker is told privately, nothing is stored', async () => {
    const { slack, url } = await start();
    slack.failNext('users.info', { error: 'user_not_found' });
    await sendSlashCommand(url, SECRET, command(slack, 'subscribe 07:30', { userId: 'UGHOST' }));
    for (let i = 0; i < 100 && slack.responses.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slack.responses[0]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(slack.responses[0]!.body)).toMatch(/could not check whether you are a workspace admin \(Slack said user_not_found\)/);
    expect(await store!.subscriptions.get('slack:C0000CHAN')).toBeUndefined();
  });

  it('a title with <!channel>, <@U123>, | and > posts no mention and keeps its link', async () => {
    const { slack, url } = await start();
    const { report } = await new DailyReports(store!, sampleSource()).get({ now: SAMPLE_NOW });
    report.sections.today[0]!.title = 'Alert <!channel> <@U123> a|b > c';
    await store!.reports.set(report.date, report);
    await sendSlashCommand(url, SECRET, command(slack, 'today'));
    const post = await slack.waitFor((c) => c.method === 'chat.postMessage', 5_000);
    const text = (post.args.blocks as SlackBlock[]).map(slackBlockText).join('\n');
    expect(containsMention(text)).toBe(false);
    expect(text).toContain(`<${report.sections.today[0]!.url}|Alert !channel @U123 a|b &gt; c>`);
  });

  it('not in the channel: tells the asker privately how to invite the bot', async () => {
    const { slack, url } = await start();
    slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await sendSlashCommand(url, SECRET, command(slack, 'today'));
    for (let i = 0; i < 100 && slack.responses.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(slack.responses[0]!.body)).toMatch(/\/invite @ai-trends/);
  });
});
