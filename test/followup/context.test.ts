import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/models.js';
import { RedditClient } from '../../src/reddit/client.js';
import type { Store } from '../../src/store/store.js';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeReddit, type FakeReddit, type FakeRedditOptions } from '../fakes/reddit.js';
import { makePost } from '../helpers/posts.js';
import type { Analysis } from '../../src/models/analysis.js';
import { renderTextReply } from '../../src/render/text.js';
import { ask, citationOf, makeFollowUps, sampleReport, tempStore, thread, bindTo } from './helpers.js';

// What an answer sees: post bodies and top comments fetched on demand and cached, earlier stored reports
// when the question looks back, and (tested elsewhere) the thread's turns.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function world(): Promise<{ store: Store; fake: FakeAnthropic; report: Report }> {
  const store = await tempStore();
  const fake = await startFakeAnthropic();
  open.push(store, fake);
  const report = sampleReport();
  await store.reports.set(report.date, report);
  fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'ok' }] });
  return { store, fake, report };
}

/** The real Reddit client against a fake Reddit (at the sample morning) holding these posts and comments. */
async function redditWith(content: Pick<FakeRedditOptions, 'posts' | 'comments'>): Promise<{ reddit: RedditClient; fakeReddit: FakeReddit }> {
  const fakeReddit = await startFakeReddit({ now: Date.parse('2026-02-11T08:00:00Z') / 1000, ...content });
  open.push(fakeReddit);
  const reddit = new RedditClient({
    credentials: { clientId: 'test-id', clientSecret: 'test-secret' },
    userAgent: 'node:ai-trends:test (by /u/tester)',
    apiBase: fakeReddit.apiBase,
    authBase: fakeReddit.authBase,
    timeoutMs: 2_000,
    maxRetries: 0,
  });
  return { reddit, fakeReddit };
}

type Block = { type: string; source?: string; text?: string; content?: Array<{ text: string }> };

describe('post details', () => {
  function withReddit(report: Report): Promise<{ reddit: RedditClient; fakeReddit: FakeReddit }> {
    const top = report.sections.today[0]!;
    return redditWith({
      posts: [{ id: top.id, title: top.title, subreddit: top.subreddit, score: top.score!, num_comments: top.numComments!, created_utc: Date.parse(top.createdAt) / 1000, selftext: 'The tweet compares scaling curves.' }],
      comments: {
        [top.id]: [
          { id: 'c1', author: 'alice', body: 'The quokka benchmark is the real story here.', score: 120 },
          { id: 'c2', author: 'AutoModerator', body: 'Please read the rules.', score: 1, distinguished: 'moderator' },
        ],
      },
    });
  }

  it('are fetched once via /comments, cached in the store, and given as search-result content', async () => {
    const { store, fake, report } = await world();
    const { reddit, fakeReddit } = await withReddit(report);
    const followUps = makeFollowUps({ store, fake, reddit });
    await followUps.bindThread(bindTo(report.date));
    await followUps.answer(ask('What do the comments say?'));
    await followUps.answer(ask('And the tweet?'));

    const top = report.sections.today[0]!;
    const fetched = fakeReddit.requests.filter((r) => r.path.startsWith('/comments/'));
    expect(fetched.map((r) => r.path)).toContain(`/comments/${top.id}`);
    expect(fetched.filter((r) => r.path === `/comments/${top.id}`)).toHaveLength(1); // the second question read the cache
    expect(await store.postDetails.get(top.id)).toMatchObject({ selftext: 'The tweet compares scaling curves.', topComments: [{ author: 'alice', score: 120 }] });

    const result = (fake.requests[0]!.body.messages[0].content as Block[]).find((b) => b.source === top.url)!;
    expect(result.content!.map((c) => c.text)).toEqual([
      expect.stringContaining(top.title),
      'Post text: The tweet compares scaling curves.',
      'Top comment by u/alice (120 points): The quokka benchmark is the real story here.',
    ]);
    // Same prefix for both questions (details came from the cache the second time): cache read.
    expect(fake.requests[1]!.cacheableTokens).toBe(fake.requests[0]!.cacheableTokens);
  });

  it('the offline answer searches cached comments too', async () => {
    const { store, report } = await world();
    const { reddit } = await withReddit(report);
    const followUps = makeFollowUps({ store, reddit });
    await followUps.bindThread(bindTo(report.date));
    const answer = await followUps.answer(ask('quokka benchmark'));
    const first = answer.reply.blocks.find((b) => b.type === 'paragraph' && b.spans.some((s) => s.url));
    expect(first?.type === 'paragraph' && first.spans.map((s) => s.text).join('')).toMatch(/a top comment \(120 points\) says: “The quokka benchmark is the real story here\.”/);
  });

  it('a failed fetch still answers (without details, not cached)', async () => {
    const { store, fake, report } = await world();
    const { reddit, fakeReddit } = await withReddit(report);
    fakeReddit.inject('/comments/', { kind: 'status', status: 503 }, 100);
    const followUps = makeFollowUps({ store, fake, reddit });
    await followUps.bindThread(bindTo(report.date));
    expect((await followUps.answer(ask('x'))).source).toBe('claude');
    expect(await store.postDetails.get(report.sections.today[0]!.id)).toBeUndefined();
  });
});

describe('questions about the past', () => {
  it('load earlier stored reports of the days asked about, after the cached prefix', async () => {
    const { store, fake, report } = await world();
    const old = makePost({ id: 'old001', title: 'Unicorn model tops the leaderboard', createdAt: '2026-02-09T10:00:00Z' });
    const older = makePost({ id: 'old002', title: 'Two weeks ago news', createdAt: '2026-01-28T10:00:00Z' });
    const yesterday: Report = { ...report, date: '2026-02-10', generatedAt: '2026-02-10T08:00:00.000Z', sections: { ...report.sections, today: [old] } };
    const longAgo: Report = { ...report, date: '2026-01-28', generatedAt: '2026-01-28T08:00:00.000Z', sections: { ...report.sections, today: [older] } };
    await store.reports.set(yesterday.date, yesterday);
    await store.reports.set(longAgo.date, longAgo);
    const followUps = makeFollowUps({ store, fake });
    await followUps.bindThread(bindTo(report.date));

    await followUps.answer(ask('What is new today?'));
    await followUps.answer(ask('What happened yesterday?'));
    await followUps.answer(ask('How did things look in January?'));

    const sources = (i: number) => fake.requests[i]!.body.messages.flatMap((m: { content: Block[] }) => m.content).filter((b: Block) => b.type === 'search_result').map((b: Block) => b.source);
    expect(sources(0)).not.toContain(old.url);
    expect(sources(1)).toContain(old.url);
    expect(sources(1)).not.toContain(older.url);
    expect(sources(2)).toContain(older.url);
    const last = fake.requests[1]!.body.messages.at(-1).content as Block[];
    expect(last[0]!.text).toMatch(/^<earlier_reports about="yesterday">\n2026-02-10: top posts old001/);
    expect(fake.requests[2]!.body.messages.at(-1).content[0].text).toMatch(/No stored report for: 2026-01-31, 2026-01-30, 2026-01-29, 2026-01-27/);
    // The looked-back reports come after the breakpoint: the cached prefix is the same for all three.
    expect(new Set(fake.requests.map((r) => r.cacheableTokens)).size).toBe(1);
  });

  it('offline, the earlier posts are searched too and marked with their day', async () => {
    const { store, report } = await world();
    const old = makePost({ id: 'old001', title: 'Unicorn model tops the leaderboard', createdAt: '2026-02-09T10:00:00Z' });
    await store.reports.set('2026-02-10', { ...report, date: '2026-02-10', sections: { ...report.sections, today: [old] } });
    const followUps = makeFollowUps({ store });
    await followUps.bindThread(bindTo(report.date));
    const answer = await followUps.answer(ask('What about the unicorn model last week?'));
    const text = answer.reply.blocks.map((b) => (b.type === 'paragraph' ? b.spans.map((s) => s.text).join('') : '')).join('\n');
    expect(text).toMatch(/^One post in the 2026-02-11 report and earlier ones \(last week\) matches: Unicorn model tops the leaderboard \(r\/LocalLLaMA, 100 points, 20 comments, from the 2026-02-10 report\)/);
  });

  it('says when no earlier report is stored for the days asked about', async () => {
    const { store, report } = await world();
    const followUps = makeFollowUps({ store });
    await followUps.bindThread(bindTo(report.date));
    const answer = await followUps.answer(ask('what happened with agents this month?'));
    expect(answer.reply.blocks[0]).toMatchObject({ type: 'note', text: 'There are no stored reports for this month, so this covers only the 2026-02-11 report.' });
  });
});

describe('posts the analysis cites outside the tables', () => {
  const extra = makePost({ id: 'cited9', title: 'A post only the analysis cites', createdAt: '2026-02-10T12:00:00.000Z' });
  const analysis: Analysis = {
    sections: {
      highlights: [{ theme: 'Odd one', items: [{ name: 'Cited', summary: 'Only here.', whyItMatters: 'Tests.', postIds: [extra.id] }] }],
      weekly: { persistent: [], emerging: [], fading: [] },
      monthly: [],
      deepDive: null,
      communityHighlights: { communities: [], crossCutting: [], niche: [] },
    },
    citations: { [extra.id]: { id: extra.id, title: extra.title, subreddit: extra.subreddit, score: extra.score, numComments: extra.numComments, url: extra.url } },
    model: null,
    usage: null,
    source: 'offline',
    language: 'en',
    hasHistory: false,
  };

  it.each([
    ['with the day snapshot: the whole post', true, '2026-02-10 12:00 UTC'],
    ['without one: the report time stands in', false, '2026-02-11 08:00 UTC'],
  ])('%s, and the reply renders', async (_name, withSnapshot, posted) => {
    const { store, fake, report } = await world();
    const cited: Report = { ...report, analysis };
    await store.reports.set(cited.date, cited);
    if (withSnapshot) await store.snapshots.set(cited.date, { date: cited.date, takenAt: cited.generatedAt, posts: [extra] });
    fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'This one is odd', citations: [citationOf(extra)] }] });
    const followUps = makeFollowUps({ store, fake });
    await followUps.bindThread(bindTo(cited.date));
    const answer = await followUps.answer(ask('odd?'));
    const result = (fake.requests[0]!.body.messages[0].content as Block[]).find((b) => b.source === extra.url)!;
    expect(result.content![0]!.text).toContain('cited by the analysis');
    expect(fake.requests[0]!.body.messages[0].content[0].text).toContain('- Cited: Only here. Why it matters: Tests. [posts: cited9]');
    expect(renderTextReply(answer.reply)).toContain(posted);
  });
});

describe('posts chosen by the question', () => {
  it('fetch the comments of the posts a question names, even ranked low, after the cached prefix', async () => {
    const { store, fake, report } = await world();
    const rag = report.sections.communities.find((c) => c.subreddit === 'Rag')!.posts[0]!;
    const { reddit, fakeReddit } = await redditWith({
      posts: [{ id: rag.id, title: rag.title, subreddit: rag.subreddit, score: rag.score!, num_comments: rag.numComments!, created_utc: Date.parse(rag.createdAt) / 1000, selftext: '' }],
      comments: { [rag.id]: [{ id: 'c1', author: 'dana', body: 'Chunking by headings beat fixed windows for us.', score: 33 }] },
    });
    const followUps = makeFollowUps({ store, fake, reddit });
    await followUps.bindThread(bindTo(report.date));
    await followUps.answer(ask('Summarise it in two lines.'));
    await followUps.answer(ask('What do people say about knowledge distillation for RAG ingestion?'));

    expect(fakeReddit.requests.map((r) => r.path)).toContain(`/comments/${rag.id}`);
    const [first, second] = [fake.requests[0]!, fake.requests[1]!];
    // The prefix is the same for both questions (a cache read): the post's comments come after it.
    expect(second.cacheableTokens).toBe(first.cacheableTokens);
    const prefix = second.body.messages[0].content as Block[];
    expect(prefix.find((b) => b.source === rag.url)!.content!.map((c) => c.text).join('\n')).not.toContain('Chunking');
    const blocks = second.body.messages.at(-1).content as Block[];
    const after = blocks.slice(blocks.findIndex((b) => b.text === 'The posts this question is about, with their text and top comments:'));
    const focused = after.find((b) => b.type === 'search_result' && b.source === rag.url)!;
    expect(focused.content!.map((c) => c.text)).toContain('Top comment by u/dana (33 points): Chunking by headings beat fixed windows for us.');
    // The first question named no such post: nothing was added after its prefix.
    expect(JSON.stringify(first.body.messages)).not.toContain('The posts this question is about');
  });
});
