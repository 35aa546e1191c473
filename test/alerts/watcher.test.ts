import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookOnce, startAlertWatcher, type WatcherDeps } from '../../src/alerts/watcher.js';
import { setAlerts } from '../../src/alerts/channels.js';
import { alertedPosts, markAlerted } from '../../src/alerts/morning-mark.js';
import { alertDayKey } from '../../src/alerts/records.js';
import type { Store } from '../../src/store/store.js';
import type { ChatTarget } from '../../src/chat/target.js';
import { postList, type Reply } from '../../src/reply/reply.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { startFakeReddit, type FakeReddit, type RawPost } from '../fakes/reddit.js';
import { openTempStore } from '../helpers/store.js';
import { memoryLog } from '../helpers/memory-log.js';
import { clientFor, NOW, rawPost } from '../reddit/helpers.js';
import { makePost } from '../helpers/posts.js';
import { subscribeChannels } from '../helpers/morning.js';

// The watcher on the fake Reddit and the in-memory chat platform: a post crossing the channel's threshold
// alerts once, never twice across looks, at most ALERTS_PER_DAY, never in quiet hours, and once through a
// process killed mid-way or two processes looking at once.

const C1: ChatTarget = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const at = (minutes: number) => new Date((NOW + minutes * 60) * 1000);
const POLL = 15 * 60_000;

let fake: FakeReddit;
let store: Store;
let chat: FakeChatAdapter;
let posts: RawPost[];

function deps(overrides: Partial<WatcherDeps> = {}): WatcherDeps {
  return {
    store,
    reddit: clientFor(fake),
    communities: ['LocalLLaMA', 'MachineLearning'],
    chats: { discord: chat },
    bindThread: async () => undefined,
    settings: { pollMs: POLL, perDay: 3 },
    owner: 'p1',
    claimTtlMs: 30_000,
    log: memoryLog().log,
    ...overrides,
  };
}

beforeEach(async () => {
  posts = [rawPost('calm1', 'LocalLLaMA', { score: 40, created_utc: NOW - 3600 }), rawPost('hot1', 'LocalLLaMA', { title: 'Big @everyone release', score: 100, created_utc: NOW - 1800 })];
  fake = await startFakeReddit({ posts, now: NOW + 86_400 });
  store = await openTempStore();
  chat = new FakeChatAdapter();
  await setAlerts(store, { target: C1, level: 'normal', setBy: 'U1', setAt: at(0).toISOString() });
});

afterEach(async () => {
  await fake.close();
  await store.close();
});

describe('the alert watcher (API)', () => {
  it('alerts once when a post crosses the threshold, and never again for it across looks', async () => {
    expect((await lookOnce(deps(), at(0))).outcomes).toEqual([]);
    // 100 → 700 points in 15 minutes: 2,400 an hour.
    posts[1]!.score = 700;
    const second = await lookOnce(deps(), at(15));
    expect(second.outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'posted' }]);
    const [alert] = chat.channelPosts('C1');
    expect(alert!.content).toContain('r/LocalLLaMA');
    expect(alert!.content).toContain('+700 points in 45 minutes');
    expect(alert!.content).not.toContain('@everyone release'); // defused by the renderer
    expect(chat.of('thread')).toHaveLength(1);
    posts[1]!.score = 1_500;
    const third = await lookOnce(deps(), at(30));
    expect(third.outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'already' }]);
    expect(chat.channelPosts('C1')).toHaveLength(1);
    // Two requests a look: rising and new of the communities, one multireddit each.
    const listings = fake.requests.filter((r) => r.path.startsWith('/r/'));
    expect(listings.map((r) => r.path)).toEqual(Array(3).fill(['/r/LocalLLaMA+MachineLearning/rising', '/r/LocalLLaMA+MachineLearning/new']).flat());
  });

  it('sends at most ALERTS_PER_DAY a channel', async () => {
    for (let i = 0; i < 5; i++) posts.push(rawPost(`fast${i}`, 'LocalLLaMA', { score: 2_000 + i, created_utc: NOW - 1800 }));
    const result = await lookOnce(deps({ settings: { pollMs: POLL, perDay: 3 } }), at(0));
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['posted', 'posted', 'posted', 'cap']);
    expect(chat.channelPosts('C1')).toHaveLength(3);
  });

  it('stays silent in quiet hours (UTC without a morning post)', async () => {
    await setAlerts(store, { target: C1, level: 'normal', quiet: { from: '07:00', to: '09:00' }, setBy: 'U1', setAt: at(0).toISOString() });
    posts[1]!.score = 5_000;
    expect((await lookOnce(deps(), at(0))).outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'quiet' }]);
    expect(chat.channelPosts('C1')).toHaveLength(0);
  });

  it('posts once when a killed attempt left "posting" (finds its marked post) and when two processes look at once', async () => {
    posts[1]!.score = 5_000;
    // Two processes on one store, the same look: one of them reads Reddit and alerts.
    const [a, b] = await Promise.all([lookOnce(deps({ owner: 'p1' }), at(0)), lookOnce(deps({ owner: 'p2' }), at(0))]);
    expect([a.looked, b.looked].sort()).toEqual([false, true]);
    expect(chat.channelPosts('C1')).toHaveLength(1);
    // As if the process had been killed after posting, before "done".
    const key = alertDayKey('discord:C1', '2026-02-11');
    const day = (await store.alertDays.get(key))!;
    await store.alertDays.set(key, { ...day, alerts: day.alerts.map((x) => ({ ...x, state: 'posting' as const })) });
    posts[1]!.score = 9_000;
    const next = await lookOnce(deps({ owner: 'p3' }), at(15));
    expect(next.outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'recovered' }]);
    expect(chat.channelPosts('C1')).toHaveLength(1);
  });

  it('two processes serving different channels (Discord shards): one reads Reddit, each alerts its own channels from the stored look', async () => {
    const C2: ChatTarget = { platform: 'discord', workspaceId: 'G2', channelId: 'C2' };
    await setAlerts(store, { target: C2, level: 'normal', setBy: 'U1', setAt: at(0).toISOString() });
    posts[1]!.score = 5_000;
    const other = new FakeChatAdapter();
    const shard = (workspace: string, owner: string, chats: FakeChatAdapter) => deps({ owner, chats: { discord: chats }, owns: (t) => t.workspaceId === workspace, lookWaitMs: 5_000 });
    const [a, b] = await Promise.all([lookOnce(shard('G1', 'shard0', chat), at(0)), lookOnce(shard('G2', 'shard1', other), at(0))]);
    expect([a.looked, b.looked].sort()).toEqual([false, true]);
    expect([a.shared, b.shared].sort()).toEqual([false, true]);
    expect(a.outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'posted' }]);
    expect(b.outcomes).toEqual([{ channel: 'C2', post: 'hot1', outcome: 'posted' }]);
    expect(chat.channelPosts('C1')).toHaveLength(1);
    expect(other.channelPosts('C2')).toHaveLength(1);
    // Reddit was asked once for the period (rising and new), for both channels' communities.
    expect(fake.requests.filter((r) => r.path.startsWith('/r/'))).toHaveLength(2);
    // A later process in the same period reads the stored look too: nothing new, nothing twice.
    const late = await lookOnce(shard('G2', 'shard1-restarted', other), at(1));
    expect(late).toMatchObject({ looked: false, shared: true, outcomes: [{ channel: 'C2', post: 'hot1', outcome: 'already' }] });
    expect(fake.requests.filter((r) => r.path.startsWith('/r/'))).toHaveLength(2);
  });

  it('a process that finds no stored look for the period (its maker was killed mid-look) alerts nothing and waits for the next', async () => {
    posts[1]!.score = 5_000;
    await store.claims.claim(`alert-look:${Math.floor(at(0).getTime() / POLL)}`, 'killed', POLL);
    const result = await lookOnce(deps({ owner: 'p2', lookWaitMs: 300 }), at(0));
    expect(result).toMatchObject({ looked: false, shared: false, outcomes: [] });
    expect(chat.channelPosts('C1')).toHaveLength(0);
    expect((await lookOnce(deps({ owner: 'p2' }), at(15))).outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'posted' }]);
  });

  it("a channel whose morning post names its communities is alerted of those only; the look covers every channel's", async () => {
    const C2: ChatTarget = { platform: 'discord', workspaceId: 'G1', channelId: 'C2' };
    await setAlerts(store, { target: C2, level: 'normal', setBy: 'U1', setAt: at(0).toISOString() });
    await subscribeChannels(store, 'discord', 'G1', ['C2'], { communities: ['MachineLearning', 'singularity'] });
    posts[1]!.score = 5_000;
    // hot1 is in r/LocalLLaMA: C1 (every configured community) hears of it, C2 does not.
    const result = await lookOnce(deps(), at(0));
    expect(result.outcomes).toEqual([{ channel: 'C1', post: 'hot1', outcome: 'posted' }]);
    expect(fake.requests.filter((r) => r.path.startsWith('/r/')).map((r) => r.path)).toEqual(['/r/LocalLLaMA+MachineLearning+singularity/rising', '/r/LocalLLaMA+MachineLearning+singularity/new']);
  });

  it('reads nothing while no channel has alerts on', async () => {
    const result = await lookOnce(deps({ chats: {} }), at(0));
    expect(result.looked).toBe(false);
    expect(fake.requests.filter((r) => r.path.startsWith('/r/'))).toHaveLength(0);
  });
});

describe('the running watcher', () => {
  it('looks first a few seconds after start (not a period later), then stops', async () => {
    posts[1]!.score = 5_000;
    const started = Date.now();
    const watcher = startAlertWatcher(deps(), () => at(0));
    try {
      while (chat.channelPosts('C1').length === 0 && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
      const after = Date.now() - started;
      expect(chat.channelPosts('C1')).toHaveLength(1);
      expect(after).toBeGreaterThanOrEqual(4_900);
      expect(after).toBeLessThan(15_000);
    } finally {
      await watcher.stop();
    }
  }, 20_000);
});

describe('the morning post marks alerted posts', () => {
  it('adds "(alerted HH:MM)" in the channel zone to the alerted post only', async () => {
    posts[1]!.score = 5_000;
    await lookOnce(deps(), at(0));
    const marks = await alertedPosts(store, C1, '2026-02-11', 'Europe/Berlin');
    expect([...marks]).toEqual([['hot1', '09:00']]);
    const reply: Reply = { blocks: [postList([makePost({ id: 'hot1', title: 'Big' }), makePost({ id: 'calm1', title: 'Calm' })])] };
    const marked = markAlerted(reply, marks);
    const titles = marked.blocks.flatMap((b) => (b.type === 'posts' ? b.posts.map((p) => p.title) : []));
    expect(titles).toEqual(['Big (alerted 09:00)', 'Calm']);
  });
});
