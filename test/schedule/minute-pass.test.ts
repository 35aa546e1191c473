import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setAlerts } from '../../src/alerts/channels.js';
import { alertDayKey } from '../../src/alerts/records.js';
import { ChatError } from '../../src/chat/errors.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { loadSample } from '../../src/sample/sample.js';
import { morningMarker } from '../../src/schedule/morning-post.js';
import { deliveryPass, type PassDeps } from '../../src/schedule/pass.js';
import { NEVER } from '../../src/store/schedule.js';
import { openStore, type Store } from '../../src/store/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { memoryLog } from '../helpers/memory-log.js';
import { subscribeChannels } from '../helpers/morning.js';
import { tempSqliteUrl } from '../helpers/store.js';
import { watchStoreTraffic } from '../helpers/store-traffic.js';

// The minute pass (scope 'due'), on a real SQLite store: it looks only at what the schedule says is due,
// posts it once, and moves each subscription on to its next post; nothing due costs the same few reads
// whatever the number of subscriptions, and a post costs five round trips to the store.

let url: string;
let store: Store;
let chat: FakeChatAdapter;
beforeEach(async () => {
  url = tempSqliteUrl();
  store = await openStore(url);
  chat = new FakeChatAdapter();
});
afterEach(() => store.close());

const HOUR = 3_600_000;

function deps(overrides: Partial<PassDeps> = {}): PassDeps {
  return {
    store,
    reports: new DailyReports(store, { mode: 'sample', collect: async () => ({ posts: loadSample().posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } }) }),
    chats: { discord: chat },
    bindThread: async () => undefined,
    settings: { graceMs: 6 * HOUR, prepareMs: 30 * 60_000, concurrency: 4, claimTtlMs: 60_000 },
    owner: 'test-process',
    log: createLogger('silent'),
    ...overrides,
  };
}

const subscribe = (channelId: string, time: string, timezone: string, createdAt = '2026-02-11T00:00:00Z') => subscribeChannels(store, 'discord', 'G1', [channelId], { time, timezone, createdAt });
const pass = (now: string, options: { dryRun?: boolean; deps?: Partial<PassDeps> } = {}) => deliveryPass(deps(options.deps), { now: new Date(now), dryRun: options.dryRun, scope: 'due' });
const outcomes = (items: Awaited<ReturnType<typeof pass>>) => Object.fromEntries(items.map((i) => [`${i.target.channelId} ${i.reportDate}`, i.outcome]));
const nextLookOf = async (channelId: string) => (await store.subscriptions.schedule.list({ platform: 'discord' }, 1_000)).find((e) => e.key === `discord:${channelId}`)?.dueAt;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : ms === NEVER ? 'never' : new Date(ms).toISOString());

describe('the minute pass', () => {
  it('posts each channel at its local time, once, then looks at it again only at its next post', async () => {
    await subscribe('BERLIN', '08:00', 'Europe/Berlin');
    await subscribe('KOLKATA', '07:00', 'Asia/Kolkata');
    expect(outcomes(await pass('2026-02-11T01:29:00Z'))).toEqual({});
    expect(outcomes(await pass('2026-02-11T01:30:00Z'))).toEqual({ 'KOLKATA 2026-02-11': 'posted' });
    expect(iso(await nextLookOf('KOLKATA'))).toBe('2026-02-12T01:30:00.000Z');
    // Posted: no later pass of the day reads it again.
    expect(outcomes(await pass('2026-02-11T07:00:00Z'))).toEqual({ 'BERLIN 2026-02-11': 'posted' });
    expect(outcomes(await pass('2026-02-11T13:00:00Z'))).toEqual({});
    expect(chat.channelPosts('KOLKATA')).toHaveLength(1);
    expect(chat.channelPosts('BERLIN')).toHaveLength(1);
    // A day later both are due again (Kolkata's since 01:30): yesterday's posts, in the same look-back window, are done.
    expect(outcomes(await pass('2026-02-12T07:00:30Z'))).toEqual({ 'BERLIN 2026-02-11': 'done', 'BERLIN 2026-02-12': 'posted', 'KOLKATA 2026-02-11': 'done', 'KOLKATA 2026-02-12': 'posted' });
  });

  it('nothing due: the same three round trips with 1 subscription or 500, none of them reading a subscription', async () => {
    const idle = async () => {
      const traffic = await watchStoreTraffic(store);
      await pass('2026-02-11T06:00:00Z');
      return traffic.calls;
    };
    await subscribe('C0', '08:00', 'UTC');
    await pass('2026-02-11T05:00:00Z'); // the schedule's table exists from here on
    const one = await idle();
    await subscribeChannels(store, 'discord', 'G1', Array.from({ length: 499 }, (_, i) => `C${i + 1}`), { time: '09:00' });
    expect(await idle()).toBe(one);
    // The schedule's due read, and its next post (to prepare the report): no subscription record, no ledger.
    expect(one).toBeLessThanOrEqual(3);
  });

  it('a post costs five round trips to the store: claim, ledger read, "posting", "done" with its thread, release', async () => {
    await subscribeChannels(store, 'discord', 'G1', Array.from({ length: 20 }, (_, i) => `A${i}`), { time: '08:00' });
    await subscribeChannels(store, 'discord', 'G1', Array.from({ length: 40 }, (_, i) => `B${i}`), { time: '09:00' });
    const bound: string[] = [];
    const traffic = await watchStoreTraffic(store);
    const counted = async (now: string) => {
      const before = traffic.calls;
      const items = await pass(now, { deps: { bindThread: async (thread) => void bound.push(thread.threadId) } });
      expect(items.filter((i) => i.outcome === 'posted').length).toBe(items.length);
      return { calls: traffic.calls - before, posts: items.length };
    };
    await counted('2026-02-11T07:59:00Z'); // the report prepared, the tables made: not counted below
    const twenty = await counted('2026-02-11T08:00:30Z');
    const forty = await counted('2026-02-11T09:00:30Z');
    expect([twenty.posts, forty.posts]).toEqual([20, 40]);
    // What a page costs (the schedule, the records, the ledger, the chart's data, the moves) is the same for
    // both passes: the 20 more posts cost five round trips each.
    expect((forty.calls - twenty.calls) / 20).toBe(5);
    // The thread was bound with "done" (one write), not by a call of its own.
    expect(bound).toEqual([]);
    const record = await store.deliveries.get('discord:B3:2026-02-11');
    expect(record).toMatchObject({ state: 'done', threadId: `thread-of-${record!.messageId}` });
    expect(await store.threads.get(`discord:B3:thread-of-${record!.messageId}`)).toMatchObject({ reportDate: '2026-02-11', turns: [] });
  });

  it("marks the posts a channel with alerts on was alerted to, and reads no alerts for the other channels", async () => {
    await subscribeChannels(store, 'discord', 'G1', ['ALERTS', 'PLAIN'], { time: '08:00' });
    const top = loadSample().posts.find((p) => p.title.startsWith('Hugging Face Is Teasing'))!; // first of the day's top 5
    const target = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'ALERTS' };
    await setAlerts(store, { target, level: 'normal', setBy: 'U1', setAt: '2026-02-11T06:00:00Z' });
    await store.alertDays.set(alertDayKey('discord:ALERTS', '2026-02-11'), { target, date: '2026-02-11', alerts: [{ postId: top.id, state: 'done', at: '2026-02-11T06:05:00Z', title: top.title, subreddit: top.subreddit }] });
    await pass('2026-02-11T08:00:30Z');
    const text = (channel: string) => JSON.stringify(chat.channelPosts(channel));
    expect(text('ALERTS')).toContain('alerted 06:05');
    expect(text('PLAIN')).not.toContain('alerted');
  });

  it('spring forward and fall back in New York: 02:30 posts at 03:00 EDT; 01:30 posts once, its repeat hour is not looked at', async () => {
    await subscribe('SPRING', '02:30', 'America/New_York');
    await subscribe('FALL', '01:30', 'America/New_York', '2026-10-01T00:00:00Z');
    expect(iso(await nextLookOf('SPRING'))).toBe('2026-02-11T07:30:00.000Z');
    expect(outcomes(await pass('2026-03-08T06:59:00Z'))['SPRING 2026-03-08']).toBeUndefined();
    expect(outcomes(await pass('2026-03-08T07:00:00Z'))['SPRING 2026-03-08']).toBe('posted');
    expect(outcomes(await pass('2026-11-01T05:30:00Z'))['FALL 2026-11-01']).toBe('posted');
    expect(iso(await nextLookOf('FALL'))).toBe('2026-11-02T06:30:00.000Z');
    expect(outcomes(await pass('2026-11-01T06:30:00Z'))).toEqual({});
    expect(chat.channelPosts('FALL')).toHaveLength(1);
  });

  it('catch-up after a restart: less than the grace late is posted, more is missed and recorded, both then wait for tomorrow', async () => {
    await subscribe('RECENT', '08:00', 'UTC');
    await subscribe('OLD', '01:00', 'UTC');
    expect(outcomes(await pass('2026-02-11T13:00:00Z'))).toEqual({ 'RECENT 2026-02-11': 'posted', 'OLD 2026-02-11': 'missed' });
    expect(await store.deliveries.get('discord:OLD:2026-02-11')).toMatchObject({ state: 'missed' });
    expect(iso(await nextLookOf('OLD'))).toBe('2026-02-12T01:00:00.000Z');
  });

  it('a retryable failure is looked at again at its retry time; one for good is paused and not looked at until subscribed again', async () => {
    await subscribe('GONE', '08:00', 'UTC');
    await subscribe('FLAKY', '08:00', 'UTC');
    chat.failChannel('GONE');
    chat.failChannel('FLAKY', () => new ChatError('discord', 'retryable', 'server_error', 'Discord answered 503'));
    expect(outcomes(await pass('2026-02-11T08:00:00Z'))).toEqual({ 'GONE 2026-02-11': 'failed', 'FLAKY 2026-02-11': 'retrying' });
    expect(iso(await nextLookOf('GONE'))).toBe('never');
    // The first retry a minute later, the second two minutes after that (retryDelayMs).
    expect(iso(await nextLookOf('FLAKY'))).toBe('2026-02-11T08:01:00.000Z');
    expect(outcomes(await pass('2026-02-11T08:00:30Z'))).toEqual({});
    expect(outcomes(await pass('2026-02-11T08:01:00Z'))).toEqual({ 'FLAKY 2026-02-11': 'retrying' });
    const retryAt = (await store.deliveries.get('discord:FLAKY:2026-02-11'))!.nextAttemptAt!;
    expect(retryAt).toBe('2026-02-11T08:03:00.000Z');
    expect(iso(await nextLookOf('FLAKY'))).toBe(retryAt);
    const fixed = new FakeChatAdapter();
    expect(outcomes(await pass(retryAt, { deps: { chats: { discord: fixed } } }))).toEqual({ 'FLAKY 2026-02-11': 'posted' });
    // Subscribed again: looked at from its next time; the day's report failed there for good, so its post is the next day's.
    await subscribe('GONE', '09:00', 'UTC', '2026-02-11T08:30:00Z');
    expect(outcomes(await pass('2026-02-11T09:00:00Z', { deps: { chats: { discord: fixed } } }))).toEqual({ 'GONE 2026-02-11': 'paused' });
    expect(outcomes(await pass('2026-02-12T09:00:00Z', { deps: { chats: { discord: fixed } } }))).toMatchObject({ 'GONE 2026-02-12': 'posted' });
  });

  it('a subscription saved while the pass posts it keeps its new time (the pass moves only the entry it read)', async () => {
    await subscribe('RACE', '08:00', 'UTC');
    const racing = new FakeChatAdapter();
    const post = racing.post.bind(racing);
    racing.post = async (target, message, options) => {
      // An admin changes the time to 09:00 while the 08:00 post goes out.
      await subscribe('RACE', '09:00', 'UTC', '2026-02-11T08:00:10Z');
      return post(target, message, options);
    };
    expect(outcomes(await pass('2026-02-11T08:00:00Z', { deps: { chats: { discord: racing } } }))).toEqual({ 'RACE 2026-02-11': 'posted' });
    // The save's look (at the latest its 09:00) stands; the pass's "tomorrow 08:00" was not written over it.
    expect(await nextLookOf('RACE')).toBeLessThanOrEqual(Date.parse('2026-02-11T09:00:00Z'));
    // At 09:00 the new time's post of the same report is already done (one post a channel a report).
    expect(outcomes(await pass('2026-02-11T09:00:00Z', { deps: { chats: { discord: racing } } }))).toEqual({ 'RACE 2026-02-11': 'done' });
    expect(racing.channelPosts('RACE')).toHaveLength(1);
    expect(iso(await nextLookOf('RACE'))).toBe('2026-02-12T09:00:00.000Z');
  });

  it('two processes on one store at once: every channel posted exactly once, each moved on once', async () => {
    for (let i = 0; i < 30; i++) await subscribe(`C${i}`, '08:00', 'UTC');
    const other = await openStore(url);
    try {
      const [a, b] = await Promise.all([pass('2026-02-11T08:00:00Z', { deps: { owner: 'process-a' } }), deliveryPass({ ...deps(), store: other, owner: 'process-b' }, { now: new Date('2026-02-11T08:00:00Z'), scope: 'due' })]);
      for (let i = 0; i < 30; i++) expect(chat.channelPosts(`C${i}`)).toHaveLength(1);
      expect([...a, ...b].filter((item) => item.outcome === 'posted')).toHaveLength(30);
      // Whatever the other held, the next pass finds it done and moves it on.
      await pass('2026-02-11T08:01:00Z');
      for (let i = 0; i < 30; i++) expect(iso(await nextLookOf(`C${i}`))).toBe('2026-02-12T08:00:00.000Z');
    } finally {
      await other.close();
    }
  });

  it('a post made by an attempt killed before it wrote "done" is found, not posted again', async () => {
    await subscribe('CRASH', '08:00', 'UTC');
    await store.deliveries.set('discord:CRASH:2026-02-11', { target: { platform: 'discord', workspaceId: 'G1', channelId: 'CRASH' }, reportDate: '2026-02-11', dueAt: '2026-02-11T08:00:00.000Z', state: 'posting', attempts: 1, updatedAt: '2026-02-11T08:00:01Z' });
    await chat.post({ platform: 'discord', workspaceId: 'G1', channelId: 'CRASH' }, { content: 'the report', allowedMentions: { parse: [], repliedUser: false } }, { marker: morningMarker('2026-02-11') });
    expect(outcomes(await pass('2026-02-11T08:05:00Z'))).toEqual({ 'CRASH 2026-02-11': 'recovered' });
    expect(chat.channelPosts('CRASH')).toHaveLength(1);
  });

  it('a sharded process leaves the other shards’ channels due for them; a dry run moves nothing', async () => {
    await subscribe('MINE', '08:00', 'UTC');
    await subscribe('THEIRS', '08:00', 'UTC');
    expect(outcomes(await pass('2026-02-11T08:00:00Z', { dryRun: true }))).toEqual({ 'MINE 2026-02-11': 'would-post', 'THEIRS 2026-02-11': 'would-post' });
    expect(outcomes(await pass('2026-02-11T08:00:00Z', { deps: { owns: (target) => target.channelId === 'MINE' } }))).toEqual({ 'MINE 2026-02-11': 'posted' });
    expect(iso(await nextLookOf('THEIRS'))).toBe('2026-02-11T08:00:00.000Z');
    expect(outcomes(await pass('2026-02-11T08:01:00Z', { deps: { owns: (target) => target.channelId === 'THEIRS' } }))).toEqual({ 'THEIRS 2026-02-11': 'posted' });
  });

  it('an entry whose record is gone, or a record whose times cannot be read, is set aside (with a warning) rather than read every minute', async () => {
    await subscribe('BROKEN', '08:00', 'UTC');
    await store.keyv.set('subscription:discord:BROKEN', { ...(await store.subscriptions.get('discord:BROKEN'))!, timezone: 'Mars/Olympus_Mons' });
    await subscribe('VANISHED', '08:00', 'UTC');
    await store.keyv.delete('subscription:discord:VANISHED');
    const log = memoryLog();
    await pass('2026-02-11T08:30:00Z', { deps: { log: log.log } });
    expect(log.lines().some((l) => /set aside until an admin subscribes that channel again/.test(String(l.msg)) && l.key === 'discord:BROKEN')).toBe(true);
    expect(iso(await nextLookOf('BROKEN'))).toBe('never');
    expect(iso(await nextLookOf('VANISHED'))).toBe('never');
    expect(chat.calls).toEqual([]);
  });

  it('prepares the day’s report shortly before the first post needs it, from the schedule', async () => {
    const builds: string[] = [];
    const reports = { get: async ({ now }: { now: Date }) => (builds.push(now.toISOString()), { report: (await new DailyReports(store, { mode: 'sample', collect: async () => ({ posts: loadSample().posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } }) }).get({ now })).report }) };
    await subscribe('SOON', '08:00', 'UTC');
    await pass('2026-02-11T07:20:00Z', { deps: { reports } });
    expect(builds).toEqual([]);
    await pass('2026-02-11T07:31:00Z', { deps: { reports } });
    expect(builds).toEqual(['2026-02-11T07:31:00.000Z']);
  });
});
