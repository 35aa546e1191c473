import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnalysisStep } from '../../../src/analysis/analyze.js';
import { reportSections } from '../../../src/reply/report.js';
import { startHarness, revisionsOf, type DiscordHarness } from './harness.js';

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const EPHEMERAL = 64;
const botMessages = (h: DiscordHarness, channelId: string) => h.fake.messages(channelId, { includeDeleted: true }).filter((m) => m.author.id === h.fake.botUser.id);

describe('Discord: start-up', () => {
  it('registers the commands with one bulk PUT, and none on a restart with unchanged definitions', async () => {
    h = await startHarness();
    const puts = h.fake.callsTo('PUT', /\/applications\/\d+\/commands$/);
    expect(puts).toHaveLength(1);
    const names = (puts[0]!.body as Array<{ name: string; default_member_permissions: string | null }>).map((c) => [c.name, c.default_member_permissions]);
    expect(names).toEqual([
      ['trends', null],
      ['trends-subscribe', '32'],
      ['trends-unsubscribe', '32'],
      ['trends-subscriptions', '32'],
      ['trends-alerts', '32'],
      ['trends-help', null],
    ]);
    const { fake, storeUrl } = h;
    await h.bot.stop(100);
    await h.store.close();
    h = await startHarness({ fake, storeUrl });
    expect(h.fake.callsTo('PUT', /\/applications\/\d+\/commands$/)).toHaveLength(1);
  });
});

describe('Discord: /trends', () => {
  it.each(reportSections)('/trends section:%s defers at once, then answers within the limits, in a thread bound to the report', async (section) => {
    h = await startHarness();
    const { fake } = h;
    const sent = fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: section }] });
    const deferred = await fake.waitFor((c) => c.path === `/interactions/${sent.id}/${sent.token}/callback`);
    expect((deferred.body as { type: number }).type).toBe(5);
    await fake.waitFor((c) => c.method === 'POST' && /\/messages\/\d+\/threads$/.test(c.path), 5_000);
    const thread = fake.callsTo('POST', /\/threads$/)[0]!;
    expect((thread.body as { name: string }).name).toBe('Reddit AI Trend Report - 2026-02-11');
    const threadId = /\/channels\/\d+\/messages\/(\d+)\/threads/.exec(thread.path)![1]!;
    // The rest of a long section follows in the thread; wait until the bot is quiet.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const messages = [...botMessages(h, fake.channelId), ...botMessages(h, threadId)];
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.content).not.toMatch(/^\|.*\|$/m);
      expect(m.flags & EPHEMERAL).toBe(0);
    }
    const revisions = revisionsOf(fake, [fake.channelId, threadId]);
    // The deferral's "thinking…" placeholder has no text; every message with text, and every edit, says: ping nobody.
    expect(revisions.filter((r) => r.kind === 'edit').length).toBeGreaterThan(0);
    for (const revision of revisions.filter((r) => r.content)) expect({ kind: revision.kind, allowed: revision.allowed_mentions }).toMatchObject({ allowed: { parse: [] } });
    // Bound right after the thread opens; on a busy machine that can take longer than the pause above.
    const binding = await vi.waitFor(async () => (await h!.store.threads.get(`discord:${fake.channelId}:${threadId}`)) ?? Promise.reject(new Error('not bound yet')), { timeout: 5_000 });
    expect(binding).toMatchObject({ reportDate: '2026-02-11', target: { workspaceId: fake.guildId, channelId: fake.channelId, threadId } });
  });

  it("the summary of a day with its analysis is one message in the channel: none of its tail lands in the thread", async () => {
    // The offline analysis writes eight highlights: the whole summary took 2,470 characters, and its last
    // highlights, the "more" note and the "More: /trends …" line were the thread's first message.
    h = await startHarness({ steps: [async (report, now) => createAnalysisStep({ store: h!.store, settings: { language: 'en', enrichPosts: 0, commentsPerPost: 0 } })(report, now)] });
    const { fake } = h;
    fake.slashCommand({ name: 'trends' });
    const threadCall = await fake.waitFor((c) => c.method === 'POST' && /\/messages\/\d+\/threads$/.test(c.path), 10_000);
    const threadId = /\/messages\/(\d+)\/threads$/.exec(threadCall.path)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [summary, ...others] = botMessages(h, fake.channelId);
    expect(others).toEqual([]);
    expect(botMessages(h, threadId)).toEqual([]);
    expect(summary!.content.length).toBeLessThanOrEqual(2000);
    expect(summary!.content).toMatch(/^## Highlights$/m);
    expect(summary!.content).toMatch(/\d+ more highlights?: \/trends analysis\.$/m);
    expect(summary!.content).toMatch(/^More: \/trends today, week, month, communities, analysis or full\. Ask a question in the thread to dig in\.$/m);
    // The source line ends the reply: all of it is in the one message.
    expect(summary!.content).toMatch(/\n\n\*Source: [^\n]*\*$/);
  });

  it('answers a date that has no report privately, with the days that do', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.slashCommand({ name: 'trends', options: [{ name: 'date', value: '2026-02-01' }] });
    const reply = await fake.waitForMessage((m) => (m.flags & EPHEMERAL) !== 0 && /No report is stored for 2026-02-01/.test(m.content), 5_000);
    expect(reply.content).toMatch(/a past day cannot be rebuilt/);
    // The public "thinking…" placeholder is gone; nothing public was posted.
    expect(botMessages(h, fake.channelId).filter((m) => !m.deleted && (m.flags & EPHEMERAL) === 0)).toEqual([]);
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
  });

  it('refuses /trends-subscribe privately to a member without Manage Server, and stores it for an admin', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.slashCommand({ name: 'trends-subscribe', options: [{ name: 'time', value: '07:30' }], memberPermissions: '0' });
    const refusal = await fake.waitForMessage((m) => /only admins can use \/trends-subscribe:/.test(m.content), 5_000);
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(await h.store.subscriptions.list()).toEqual([]);

    fake.slashCommand({ name: 'trends-subscribe', options: [{ name: 'time', value: '07:30' }, { name: 'timezone', value: 'Europe/Berlin' }], memberPermissions: '32' });
    await fake.waitForMessage((m) => /every day at 07:30 Europe\/Berlin/.test(m.content), 5_000);
    expect(await h.store.subscriptions.get(`discord:${fake.channelId}`)).toMatchObject({ target: { platform: 'discord', workspaceId: fake.guildId, channelId: fake.channelId }, time: '07:30' });
  });

  it('refuses /trends-subscriptions to a member with the reason that fits a listing (it changes nothing)', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.slashCommand({ name: 'trends-subscriptions', memberPermissions: '0' });
    const refusal = await fake.waitForMessage((m) => /only admins can use \/trends-subscriptions/.test(m.content), 5_000);
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refusal.content).toMatch(/: it lists the morning posts of every channel here, private channels included\./);
    expect(refusal.content).not.toMatch(/changes what this channel receives/);
  });

  it('autocompletes stored report days and time zones', async () => {
    h = await startHarness();
    await h.bot.chat; // the sample report is built on the first /trends
    h.fake.slashCommand({ name: 'trends' });
    await h.fake.waitFor((c) => /\/threads$/.test(c.path), 5_000);
    const dates = h.fake.autocomplete({ name: 'trends', options: [{ name: 'date', value: '2026', focused: true }] });
    expect(await dates.choices()).toEqual([{ name: '2026-02-11', value: '2026-02-11' }]);
    const zones = h.fake.autocomplete({ name: 'trends-subscribe', options: [{ name: 'timezone', value: 'europe/ber', focused: true }] });
    expect(await zones.choices()).toContainEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });

  it('shows a hostile title without a ping or an extra link', async () => {
    h = await startHarness();
    const { fake, store } = h;
    // Today's report with a hostile title, stored as the day's report (served from the store).
    const { DailyReports } = await import('../../../src/report/daily.js');
    const { sampleSource } = await import('../../../src/report/source.js');
    const { report } = await new DailyReports(store, sampleSource()).get({ now: new Date('2026-02-11T08:00:00Z') });
    report.sections.today[0]!.title = '@everyone <@&123456789012345678> | table ](http://evil.example) [click](http://evil.example)';
    await store.reports.set(report.date, report);
    fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'today' }] });
    const answer = await fake.waitForMessage((m) => m.author.id === fake.botUser.id && /table/.test(m.content), 5_000);
    expect(answer.content).not.toMatch(/(?<!\\)@everyone|<@&\d+>/);
    expect(answer.content).not.toMatch(/\]\(<?http:\/\/evil/);
    expect(answer.content).not.toMatch(/^\|/m);
    expect(answer.mention_everyone).toBe(false);
  });
});

describe('Discord: failures', () => {
  it('a 429 on the edit is waited out: one answer, nothing lost', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.failNext({ method: 'PATCH', path: /\/webhooks\/\d+\/[^/]+\/messages\/@original$/ }, { status: 429, retryAfter: 0.05 });
    fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'week' }] });
    await fake.waitFor((c) => /\/threads$/.test(c.path), 5_000);
    const patches = fake.callsTo('PATCH', /@original$/);
    expect(patches.map((p) => p.status)).toEqual([429, 200]);
    const visible = botMessages(h, fake.channelId).filter((m) => !m.deleted);
    expect(visible).toHaveLength(1);
    expect(visible[0]!.content).toMatch(/Weekly Popular Posts/);
  });
});

describe('Discord: more failures and places', () => {
  it('a 5xx that outlasts the retries ends in a private error for the asker, nothing public', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.failNext({ method: 'PATCH', path: /\/messages\/@original$/ }, { status: 503, body: { message: 'upstream down', code: 0 } }, 5);
    fake.slashCommand({ name: 'trends', options: [{ name: 'section', value: 'today' }] });
    const error = await fake.waitForMessage((m) => (m.flags & EPHEMERAL) !== 0 && /Discord had a problem/.test(m.content), 8_000);
    expect(error.content).toMatch(/try again in a minute/);
    expect(fake.callsTo('PATCH', /@original$/).length).toBeLessThanOrEqual(3);
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
  });

  it('in a DM: the answer is posted, the DM is the thread, and a question there is answered', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.slashCommand({ name: 'trends', dm: true });
    const dm = fake.dmChannel();
    await fake.waitForMessage((m) => m.channel_id === dm && /Trend Report/.test(m.content), 5_000);
    for (let i = 0; i < 50 && !(await h.store.threads.get(`discord:${dm}:${dm}`)); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await h.store.threads.get(`discord:${dm}:${dm}`)).toMatchObject({ reportDate: '2026-02-11', target: { workspaceId: 'dm' } });
    fake.userMessage({ channelId: dm, content: 'what about Seedance?' });
    await fake.waitForMessage((m) => m.channel_id === dm && m.author.id === fake.botUser.id && /Seedance/.test(m.content) && !/Trend Report/.test(m.content), 5_000);
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
  });
});

describe('Discord: a channel where threads cannot be opened', () => {
  it('posts the report anyway and tells the asker privately which permission is missing', async () => {
    h = await startHarness();
    const { fake } = h;
    fake.failNext({ method: 'POST', path: /\/threads$/ }, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    fake.slashCommand({ name: 'trends' });
    const warning = await fake.waitForMessage((m) => (m.flags & EPHEMERAL) !== 0 && /could not open a thread/.test(m.content), 5_000);
    expect(warning.content).toMatch(/Create Public Threads/);
    expect(botMessages(h, fake.channelId).filter((m) => !m.deleted && (m.flags & EPHEMERAL) === 0 && /Trend Report/.test(m.content))).toHaveLength(1);
  });
});
