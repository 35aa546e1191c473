// checkSubreddits with a real sqlite store: one /about request per configured name, cached; canonical
// display names; warnings that name the subreddit and the reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSubreddits, describeFailure } from '../../src/reddit/subreddits.js';
import { RedditError } from '../../src/reddit/errors.js';
import { openStore, type Store } from '../../src/store/store.js';
import { apiRequests, closeAll, rawPost, setup } from './helpers.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai-trends-subreddits-'));
  store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
});

afterEach(async () => {
  await closeAll();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date('2026-02-11T08:00:00Z');
const aboutRequests = (h: Awaited<ReturnType<typeof setup>>) => apiRequests(h.fake).filter((r) => r.path.endsWith('/about'));

const fakeOptions = {
  posts: [rawPost('a1', 'LocalLLaMA'), rawPost('b1', 'MachineLearning')],
  subreddits: {
    SecretClub: { status: 'private' as const },
    GoneSub: { status: 'banned' as const },
    Quarantined: { status: 'quarantined' as const },
  },
};

describe('checkSubreddits', () => {
  it('keeps readable subreddits under their canonical name and warns about the rest, naming each and why', async () => {
    const h = await setup(fakeOptions);
    const result = await checkSubreddits(h.client, ['localllama', 'MACHINELEARNING', 'SecretClub', 'GoneSub', 'NoSuchSub', 'Quarantined'], store.subreddits, now);
    expect(result.readable).toEqual(['LocalLLaMA', 'MachineLearning']);
    expect(result.warnings).toEqual([
      'r/SecretClub skipped: private (403)',
      'r/GoneSub skipped: banned (404)',
      'r/NoSuchSub skipped: does not exist (404)',
      'r/Quarantined skipped: quarantined (403)',
    ]);
    expect(aboutRequests(h)).toHaveLength(6);
  });

  it('caches every answer: a second call makes no /about request, and gives the same result', async () => {
    const h = await setup(fakeOptions);
    const names = ['LocalLLaMA', 'SecretClub', 'NoSuchSub'];
    const first = await checkSubreddits(h.client, names, store.subreddits, now);
    expect(aboutRequests(h)).toHaveLength(3);
    const second = await checkSubreddits(h.client, names, store.subreddits, now);
    expect(second).toEqual(first);
    expect(aboutRequests(h)).toHaveLength(3);
    // Names are case-insensitive: another spelling hits the same cache entry.
    await checkSubreddits(h.client, ['localllama'], store.subreddits, now);
    expect(aboutRequests(h)).toHaveLength(3);
    expect(await store.subreddits.get('localllama')).toMatchObject({ ok: true, displayName: 'LocalLLaMA', checkedAt: now.toISOString() });
    expect(await store.subreddits.get('secretclub')).toMatchObject({ ok: false, reason: 'private (403)' });
  });

  it('the cache outlives the store connection', async () => {
    const h = await setup(fakeOptions);
    await checkSubreddits(h.client, ['LocalLLaMA', 'GoneSub'], store.subreddits, now);
    await store.close();
    store = await openStore(`sqlite://${join(dir, 'store.sqlite')}`);
    const again = await checkSubreddits(h.client, ['LocalLLaMA', 'GoneSub'], store.subreddits, now);
    expect(again).toEqual({ readable: ['LocalLLaMA'], warnings: ['r/GoneSub skipped: banned (404)'] });
    expect(aboutRequests(h)).toHaveLength(2);
  });

  it('lists a subreddit once however many spellings are configured', async () => {
    const h = await setup(fakeOptions);
    const result = await checkSubreddits(h.client, ['LocalLLaMA', 'localllama'], store.subreddits, now);
    expect(result.readable).toEqual(['LocalLLaMA']);
  });

  it('when Reddit itself fails, collects from the subreddit anyway, without a warning, and asks again next time', async () => {
    const h = await setup(fakeOptions, { maxRetries: 1 });
    h.fake.inject('/r/LocalLLaMA/about', { kind: 'status', status: 503 }, 2);
    const result = await checkSubreddits(h.client, ['LocalLLaMA'], store.subreddits, now);
    expect(result).toEqual({ readable: ['LocalLLaMA'], warnings: [] });
    expect(await store.subreddits.get('localllama')).toBeUndefined();
    await checkSubreddits(h.client, ['LocalLLaMA'], store.subreddits, now);
    expect(aboutRequests(h)).toHaveLength(3);
    expect(await store.subreddits.get('localllama')).toMatchObject({ ok: true, displayName: 'LocalLLaMA' });
  });

  it('takes display_name only when it spells the name asked for: an escape, a ping or another community is ignored', async () => {
    const h = await setup({
      ...fakeOptions,
      subreddits: { LocalLLaMA: { status: 'ok', displayName: 'LocalLLaMA\u001b]0;pwned\u0007 @everyone' }, MachineLearning: { status: 'ok', displayName: 'OtherSub' } },
    });
    const result = await checkSubreddits(h.client, ['LocalLLaMA', 'machinelearning'], store.subreddits, now);
    expect(result.readable).toEqual(['LocalLLaMA', 'machinelearning']);
  });

  it('quotes Reddit\'s reason cleaned and cut: no escape, bidi override, ping or bare link in the warning', async () => {
    const h = await setup(fakeOptions);
    const reason = `\u001b]0;pwned\u0007\u202e @everyone https://evil.example ${'x'.repeat(500)}`;
    h.fake.inject('/r/Rag/about', { kind: 'status', status: 403, body: JSON.stringify({ reason, message: 'Forbidden', error: 403 }) });
    const [warning] = (await checkSubreddits(h.client, ['Rag'], store.subreddits, now)).warnings;
    expect(warning).toMatch(/^r\/Rag skipped: \]0;pwned @\u200deveryone https:\/\u200b\/evil\.example x+\.\.\. \(403\)$/);
    expect(warning!.length).toBeLessThan(120);
  });

  it('passes auth failures up instead of blaming a subreddit', async () => {
    const h = await setup(fakeOptions);
    const client = h.makeClient({ credentials: { clientId: 'test-id', clientSecret: 'wrong' } });
    await expect(checkSubreddits(client, ['LocalLLaMA'], store.subreddits, now)).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('describeFailure', () => {
  const url = 'https://oauth.reddit.com/r/x/about?raw_json=1';
  it.each([
    [new RedditError('http', url, 'x', 404), 'does not exist (404)'],
    [new RedditError('http', url, 'x', 404, 'banned'), 'banned (404)'],
    [new RedditError('http', url, 'x', 403, 'private'), 'private (403)'],
    [new RedditError('http', url, 'x', 403), 'forbidden (403)'],
    [new RedditError('http', url, 'x', 503), 'Reddit answered 503'],
    [new RedditError('timeout', url, 'x'), 'Reddit did not answer in time'],
    [new RedditError('malformed', url, 'x'), 'Reddit sent an unreadable answer'],
    [new RedditError('network', url, 'x'), 'Reddit could not be reached'],
    // Upstream text is cleaned where the warning is made, however the error was built.
    [new RedditError('http', url, 'x', 403, '\u001b]0;x\u0007\u202e @here'), ']0;x @\u200dhere (403)'],
    [new RedditError('http', url, 'x', 302, 'redirected to https://evil.example/@everyone'), 'redirected to https:/\u200b/evil.example/@\u200deveryone, not followed (check REDDIT_API_BASE)'],
  ])('%s → %s', (error, expected) => {
    expect(describeFailure(error)).toBe(expected);
  });
});
