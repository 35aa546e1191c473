import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatError } from '../../src/chat/errors.js';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { loadSample } from '../../src/sample/sample.js';
import { morningMarker } from '../../src/schedule/morning-post.js';
import { deliveryPass, type PassDeps } from '../../src/schedule/pass.js';
import { openStore, type Store } from '../../src/store/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { tempSqliteUrl } from '../helpers/store.js';
import { subscribeChannels } from '../helpers/morning.js';

// A delivery pass over subscriptions in several zones, on a real SQLite store, with a chat in memory:
// what is due is posted once, what is late is missed, what fails is retried or paused.

let url: string;
let store: Store;
let chat: FakeChatAdapter;
let builds: string[];
beforeEach(async () => {
  url = tempSqliteUrl();
  store = await openStore(url);
  chat = new FakeChatAdapter();
  builds = [];
});
afterEach(() => store.close());

const HOUR = 3_600_000;

function deps(overrides: Partial<PassDeps> = {}): PassDeps {
  return {
    store,
    // The real daily reports, from the sample's posts on any day; each collection is counted.
    reports: new DailyReports(store, {
      mode: 'sample',
      collect: async (now) => {
        builds.push(now.toISOString().slice(0, 10));
        return { posts: loadSample().posts, warnings: [], source: { mode: 'api' as const, numbersMissing: false } };
      },
    }),
    chats: { discord: chat },
    bindThread: async () => undefined,
    settings: { graceMs: 6 * HOUR, prepareMs: 30 * 60_000, concurrency: 4, claimTtlMs: 60_000 },
    owner: 'test-process',
    log: createLogger('silent'),
    ...overrides,
  };
}

const subscribe = (channelId: string, time: string, timezone: string, createdAt = '2026-02-11T00:00:00Z') => subscribeChannels(store, 'discord', 'G1', [channelId], { time, timezone, createdAt });

const pass = (now: string, options: { dryRun?: boolean; deps?: Partial<PassDeps> } = {}) => deliveryPass(deps(options.deps), { now: new Date(now), dryRun: options.dryRun });
const outcomes = (items: Awaited<ReturnType<typeof pass>>) => Object.fromEntries(items.map((i) => [`${i.target.channelId} ${i.reportDate}`, i.outcome]));

describe('deliveryPass', () => {
  it('posts each channel at its local time, once; later passes find it done', async () => {
    await subscribe('BERLIN', '08:00', 'Europe/Berlin');
    await subscribe('NEWYORK', '08:00', 'America/New_York');
    await subscribe('KOLKATA', '07:00', 'Asia/Kolkata');
    expect(outcomes(await pass('2026-02-11T06:59:00Z'))).toEqual({ 'KOLKATA 2026-02-11': 'posted' });
    expect(outcomes(await pass('2026-02-11T07:00:00Z'))).toMatchObject({ 'BERLIN 2026-02-11': 'posted', 'KOLKATA 2026-02-11': 'done' });
    expect(outcomes(await pass('2026-02-11T13:00:30Z'))).toMatchObject({ 'NEWYORK 2026-02-11': 'posted', 'BERLIN 2026-02-11': 'done' });
    for (const channel of ['BERLIN', 'NEWYORK', 'KOLKATA']) expect(chat.channelPosts(channel)).toHaveLength(1);
    expect(chat.channelPosts('BERLIN')[0]!.marker).toBe(morningMarker('2026-02-11'));
    expect(await store.deliveries.get('discord:BERLIN:2026-02-11')).toMatchObject({ state: 'done', attempts: 1, messageId: chat.channelPosts('BERLIN')[0]!.id });
    // One report built for the day, reused by every channel of every pass.
    expect(builds.filter((d) => d === '2026-02-11')).toHaveLength(1);
  });

  it('a subscription made after its time today starts tomorrow', async () => {
    await subscribe('LATE', '08:00', 'UTC', '2026-02-11T10:00:00Z');
    expect(await pass('2026-02-11T10:01:00Z')).toEqual([]);
    expect(outcomes(await pass('2026-02-12T08:00:00Z'))).toEqual({ 'LATE 2026-02-12': 'posted' });
  });

  it('spring forward in New York: 02:30 posts at 03:00 EDT; fall back: 01:30 posts once', async () => {
    await subscribe('SPRING', '02:30', 'America/New_York');
    expect(outcomes(await pass('2026-03-08T06:59:00Z'))['SPRING 2026-03-08']).toBeUndefined();
    expect(outcomes(await pass('2026-03-08T07:00:00Z'))['SPRING 2026-03-08']).toBe('posted');
    await subscribe('FALL', '01:30', 'America/New_York');
    expect(outcomes(await pass('2026-11-01T05:30:00Z'))['FALL 2026-11-01']).toBe('posted');
    // An hour later the wall clock shows 01:30 again: the same day's post, already done.
    expect(outcomes(await pass('2026-11-01T06:30:00Z'))['FALL 2026-11-01']).toBe('done');
    expect(chat.channelPosts('FALL')).toHaveLength(1);
  });

  it('catch-up after a restart: less than the grace late is posted, more is missed and recorded', async () => {
    await subscribe('RECENT', '08:00', 'UTC');
    await subscribe('OLD', '01:00', 'UTC');
    expect(outcomes(await pass('2026-02-11T13:00:00Z'))).toMatchObject({ 'RECENT 2026-02-11': 'posted', 'OLD 2026-02-11': 'missed' });
    expect(chat.channelPosts('OLD')).toEqual([]);
    expect(await store.deliveries.get('discord:OLD:2026-02-11')).toMatchObject({ state: 'missed' });
  });

  it('a channel that fails for good is paused while the others post; a retryable failure waits, then posts', async () => {
    await subscribe('GONE', '08:00', 'UTC');
    await subscribe('FLAKY', '08:00', 'UTC');
    await subscribe('FINE', '08:00', 'UTC');
    chat.failChannel('GONE');
    chat.failChannel('FLAKY', () => new ChatError('discord', 'retryable', 'server_error', 'Discord answered 503'));
    expect(outcomes(await pass('2026-02-11T08:00:00Z'))).toEqual({ 'GONE 2026-02-11': 'failed', 'FLAKY 2026-02-11': 'retrying', 'FINE 2026-02-11': 'posted' });
    expect((await store.subscriptions.get('discord:GONE'))?.paused).toMatchObject({ code: 'channel_not_found', reportDate: '2026-02-11' });
    const flaky = await store.deliveries.get('discord:FLAKY:2026-02-11');
    expect(flaky).toMatchObject({ state: 'retrying', attempts: 1, problem: { code: 'server_error' } });

    chat.failChannel('FLAKY', () => new ChatError('discord', 'retryable', 'server_error', 'Discord answered 503'));
    const retryAt = Date.parse(flaky!.nextAttemptAt!);
    // The retry waits for its time; the paused channel is left alone.
    expect(outcomes(await pass('2026-02-11T08:00:30Z'))).toMatchObject({ 'GONE 2026-02-11': 'paused', 'FLAKY 2026-02-11': 'waiting', 'FINE 2026-02-11': 'done' });
    const fixed = new FakeChatAdapter();
    expect(outcomes(await pass(new Date(retryAt + 1000).toISOString(), { deps: { chats: { discord: fixed } } }))['FLAKY 2026-02-11']).toBe('posted');
    expect(fixed.channelPosts('FLAKY')).toHaveLength(1);
    expect(fixed.channelPosts('GONE')).toEqual([]);
  });

  it('a post made by an attempt killed before it wrote "done" is found, not posted again', async () => {
    await subscribe('CRASH', '08:00', 'UTC');
    // The killed attempt: its ledger says "posting", and the platform has its marked post.
    await store.deliveries.set('discord:CRASH:2026-02-11', { target: { platform: 'discord', workspaceId: 'G1', channelId: 'CRASH' }, reportDate: '2026-02-11', dueAt: '2026-02-11T08:00:00.000Z', state: 'posting', attempts: 1, updatedAt: '2026-02-11T08:00:01Z' });
    await chat.post({ platform: 'discord', workspaceId: 'G1', channelId: 'CRASH' }, { content: 'the report', allowedMentions: { parse: [], repliedUser: false } }, { marker: morningMarker('2026-02-11') });
    expect(outcomes(await pass('2026-02-11T08:05:00Z'))['CRASH 2026-02-11']).toBe('recovered');
    expect(chat.channelPosts('CRASH')).toHaveLength(1);
    expect(await store.deliveries.get('discord:CRASH:2026-02-11')).toMatchObject({ state: 'done', recovered: true, attempts: 2 });
  });

  it('a recovered post gets the thread the killed attempt did not bind; one it had bound is left as it was', async () => {
    const bound: string[] = [];
    const bindThread: PassDeps['bindThread'] = async (thread, reportDate) => {
      bound.push(`${thread.threadId} ${reportDate}`);
      await store.threads.set(`discord:${thread.channelId}:${thread.threadId}`, { target: thread, reportDate, createdAt: '2026-02-11T08:05:00Z', turns: [] });
    };
    for (const channel of ['UNBOUND', 'BOUND']) {
      await subscribe(channel, '08:00', 'UTC');
      await store.deliveries.set(`discord:${channel}:2026-02-11`, { target: { platform: 'discord', workspaceId: 'G1', channelId: channel }, reportDate: '2026-02-11', dueAt: '2026-02-11T08:00:00.000Z', state: 'posting', attempts: 1, updatedAt: '2026-02-11T08:00:01Z' });
      await chat.post({ platform: 'discord', workspaceId: 'G1', channelId: channel }, { content: 'the report', allowedMentions: { parse: [], repliedUser: false } }, { marker: morningMarker('2026-02-11') });
    }
    // BOUND's attempt got as far as binding its thread (and so posted the rest) before it was killed.
    const boundHead = chat.channelPosts('BOUND')[0]!.id;
    await bindThread({ platform: 'discord', workspaceId: 'G1', channelId: 'BOUND', threadId: `thread-of-${boundHead}` }, '2026-02-11');
    bound.length = 0;

    expect(outcomes(await pass('2026-02-11T08:05:00Z', { deps: { bindThread } }))).toEqual({ 'UNBOUND 2026-02-11': 'recovered', 'BOUND 2026-02-11': 'recovered' });
    const head = chat.channelPosts('UNBOUND')[0]!.id;
    expect(bound).toEqual([`thread-of-${head} 2026-02-11`]);
    expect(await store.deliveries.get('discord:UNBOUND:2026-02-11')).toMatchObject({ state: 'done', recovered: true, threadId: `thread-of-${head}` });
    expect(await store.deliveries.get('discord:BOUND:2026-02-11')).toMatchObject({ state: 'done', recovered: true, threadId: `thread-of-${boundHead}` });
    // Nothing posted again in either channel; UNBOUND's rest (if the report needs more than one message) went to its thread.
    expect(chat.channelPosts('UNBOUND')).toHaveLength(1);
    expect(chat.channelPosts('BOUND')).toHaveLength(1);
    expect(chat.of('post').filter((c) => c.target.threadId === `thread-of-${boundHead}`)).toEqual([]);
  });

  it('--dry-run says what would be posted, and posts, claims and records nothing', async () => {
    await subscribe('DRY', '08:00', 'UTC');
    expect(outcomes(await pass('2026-02-11T08:00:00Z', { dryRun: true }))).toEqual({ 'DRY 2026-02-11': 'would-post' });
    expect(chat.calls).toEqual([]);
    expect(await store.deliveries.get('discord:DRY:2026-02-11')).toBeUndefined();
    expect(await store.claims.claim('delivery:discord:DRY:2026-02-11', 'someone', 1000)).toBe(true);
  });

  it('two processes on one store at once: every channel posted exactly once', async () => {
    for (let i = 0; i < 30; i++) await subscribe(`C${i}`, '08:00', 'UTC');
    const other = await openStore(url);
    try {
      // Two processes share the platform (one fake records both), each with its own store connection.
      const [a, b] = await Promise.all([pass('2026-02-11T08:00:00Z', { deps: { owner: 'process-a' } }), deliveryPass({ ...deps(), store: other, owner: 'process-b' }, { now: new Date('2026-02-11T08:00:00Z') })]);
      for (let i = 0; i < 30; i++) expect(chat.channelPosts(`C${i}`)).toHaveLength(1);
      const posted = [...a, ...b].filter((item) => item.outcome === 'posted');
      expect(posted).toHaveLength(30);
    } finally {
      await other.close();
    }
  });

  it('a subscription made, changed or removed takes effect at the next pass, with nothing rescheduled', async () => {
    await subscribe('LIVE', '09:00', 'UTC');
    expect(await pass('2026-02-11T08:30:00Z')).toEqual([]);
    // Changed to 08:15 (an admin ran /subscribe again, so the record is new): due at once.
    await subscribe('LIVE', '08:15', 'UTC', '2026-02-11T08:20:00Z');
    expect(outcomes(await pass('2026-02-11T08:31:00Z'))).toEqual({});
    await subscribe('LIVE', '08:40', 'UTC', '2026-02-11T08:31:30Z');
    expect(outcomes(await pass('2026-02-11T08:40:00Z'))).toEqual({ 'LIVE 2026-02-11': 'posted' });
    // Removed: the next day nothing is due.
    await store.subscriptions.delete('discord:LIVE');
    expect(await pass('2026-02-12T08:40:00Z')).toEqual([]);
    expect(chat.channelPosts('LIVE')).toHaveLength(1);
  });

  it('prepares the day’s report shortly before the first post needs it', async () => {
    await subscribe('SOON', '08:00', 'UTC');
    await pass('2026-02-11T07:20:00Z');
    expect(builds).toEqual([]);
    await pass('2026-02-11T07:31:00Z');
    expect(builds).toEqual(['2026-02-11']);
    expect(chat.calls).toEqual([]);
  });
});
