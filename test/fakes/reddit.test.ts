// Self-test of the fake Reddit server: plain fetch against it, checking the behaviour the client relies on.
import { afterEach, describe, expect, it } from 'vitest';
import { loadSamplePosts, startFakeReddit } from './reddit.js';
import type { FakeReddit, FakeRedditOptions, RawPost } from './reddit.js';

const NOW = 1_770_796_800; // 2026-02-11T08:00:00Z
const HOUR = 3600;
const DAY = 86_400;

const post = (id: string, subreddit: string, score: number, ageSeconds: number, extra: Partial<RawPost> = {}): RawPost =>
  ({ id, title: `Post ${id}`, subreddit, score, num_comments: 0, created_utc: NOW - ageSeconds, ...extra });

let fake: FakeReddit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(opts: Partial<FakeRedditOptions> = {}): Promise<FakeReddit> {
  fake = await startFakeReddit({ posts: [], now: NOW, ...opts });
  return fake;
}

function basic(id = 'test-id', secret = 'test-secret'): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function token(f: FakeReddit): Promise<string> {
  const res = await fetch(`${f.authBase}/api/v1/access_token`, {
    method: 'POST',
    headers: { Authorization: basic(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

async function get(f: FakeReddit, tok: string, path: string) {
  const res = await fetch(`${f.apiBase}${path}`, { headers: { Authorization: `bearer ${tok}`, 'User-Agent': 'test:ai-trends:0.1 (by /u/tester)' } });
  return { res, body: (await res.json()) as any };
}

const names = (body: any): string[] => body.data.children.map((c: any) => c.data.name);

describe('fake reddit', () => {
  it('issues distinct tokens for good Basic credentials and requires a valid bearer', async () => {
    const f = await start({ posts: loadSamplePosts().posts });
    const bad = await fetch(`${f.authBase}/api/v1/access_token`, {
      method: 'POST', headers: { Authorization: basic('test-id', 'wrong') }, body: 'grant_type=client_credentials',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'Unauthorized', error: 401 });

    const res = await fetch(`${f.authBase}/api/v1/access_token`, {
      method: 'POST', headers: { Authorization: basic() }, body: 'grant_type=client_credentials',
    });
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: '*' });
    const t2 = await token(f);
    expect(t2).not.toBe(body.access_token);
    expect(f.tokensIssued).toBe(2);

    expect((await fetch(`${f.apiBase}/r/singularity/new`)).status).toBe(401);
    expect((await get(f, 'nonsense', '/r/singularity/new')).res.status).toBe(401);
    const ok = await fetch(`${f.apiBase}/r/singularity/new`, { headers: { Authorization: `BEARER ${t2}`, 'User-Agent': 'ua/1' } });
    expect(ok.status).toBe(200);
    expect(f.requests.at(-1)?.headers['user-agent']).toBe('ua/1');

    // expire-tokens invalidates everything issued so far, then answers 401.
    f.inject('/r/', { kind: 'expire-tokens' });
    expect((await get(f, t2, '/r/singularity/new')).res.status).toBe(401);
    expect((await get(f, t2, '/r/singularity/new')).res.status).toBe(401);
    expect((await get(f, await token(f), '/r/singularity/new')).res.status).toBe(200);
  });

  it('expires tokens after tokenTtlSeconds of real time', async () => {
    const f = await start({ posts: [post('a', 'x', 1, 10)], tokenTtlSeconds: 0 });
    expect((await get(f, await token(f), '/r/x/new')).res.status).toBe(401);
  });

  it('serves a case-insensitive multireddit union, ignores unknown names, and paginates with after', async () => {
    const sample = loadSamplePosts();
    const f = await start(sample);
    const tok = await token(f);
    const expected = sample.posts.filter((p) => ['LocalLLaMA', 'Rag'].includes(p.subreddit)).map((p) => `t3_${p.id}`);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { res, body } = await get(f, tok, `/r/localllama+RAG+no_such_sub/new?limit=4&raw_json=1${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      expect(body.kind).toBe('Listing');
      expect(body.data.dist).toBe(body.data.children.length);
      for (const c of body.data.children) {
        expect(c.kind).toBe('t3');
        expect(['LocalLLaMA', 'Rag']).toContain(c.data.subreddit);
        expect(c.data.subreddit_name_prefixed).toBe(`r/${c.data.subreddit}`);
      }
      seen.push(...names(body));
      after = body.data.after;
    } while (after);
    expect(seen.sort()).toEqual(expected.sort());
    expect(f.requests.filter((r) => r.path.endsWith('/new')).length).toBe(Math.ceil(expected.length / 4));

    expect((await get(f, tok, '/r/no_such_sub+other_missing/top')).res.status).toBe(404);
  });

  it('filters top by the t window against the fake clock and sorts by score; new includes future posts', async () => {
    const posts = [
      post('h', 'ml', 5, 10 * 60), // 10 min old
      post('d', 'ml', 50, 20 * HOUR),
      post('w', 'ml', 500, 3 * DAY),
      post('m', 'ml', 5000, 20 * DAY),
      post('future', 'ml', 9999, -HOUR), // created after `now`
      post('edge', 'ml', 7, DAY), // exactly one day old: outside (now - day, now]
    ];
    const f = await start({ posts });
    const tok = await token(f);
    const ids = async (q: string) => names((await get(f, tok, `/r/ml/${q}`)).body).map((n) => n.slice(3));
    expect(await ids('top?t=hour')).toEqual(['h']);
    expect(await ids('top?t=day')).toEqual(['d', 'h']);
    expect(await ids('top?t=week')).toEqual(['w', 'd', 'edge', 'h']);
    expect(await ids('top?t=month')).toEqual(['m', 'w', 'd', 'edge', 'h']);
    expect(await ids('top?t=all')).toEqual(['future', 'm', 'w', 'd', 'edge', 'h']);
    expect(await ids('new')).toEqual(['future', 'h', 'd', 'edge', 'w', 'm']);
    expect(await ids('hot')).not.toContain('future');
  });

  it('HTML-escapes title, selftext and flair unless raw_json=1', async () => {
    const f = await start({ posts: [post('a', 'ml', 1, 60, { title: 'Q&A <b>', selftext: 'x > y', link_flair_text: 'R&D' })] });
    const tok = await token(f);
    const escaped = (await get(f, tok, '/r/ml/new')).body.data.children[0].data;
    expect([escaped.title, escaped.selftext, escaped.link_flair_text]).toEqual(['Q&amp;A &lt;b&gt;', 'x &gt; y', 'R&amp;D']);
    const raw = (await get(f, tok, '/r/ml/new?raw_json=1')).body.data.children[0].data;
    expect([raw.title, raw.selftext, raw.link_flair_text]).toEqual(['Q&A <b>', 'x > y', 'R&D']);
  });

  it('answers /about with the canonical name and Reddit error bodies', async () => {
    const f = await start({
      posts: [post('a', 'LocalLLaMA', 1, 60)],
      subreddits: { secret: { status: 'private' }, gone: { status: 'banned' }, edgy: { status: 'quarantined' }, ghost: { status: 'notfound' } },
    });
    const tok = await token(f);
    const ok = await get(f, tok, '/r/localllama/about');
    expect(ok.res.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: 't5', data: { display_name: 'LocalLLaMA', subreddit_type: 'public', over18: false } });
    expect(await get(f, tok, '/r/secret/about')).toMatchObject({ res: { status: 403 }, body: { reason: 'private', error: 403 } });
    expect(await get(f, tok, '/r/gone/about')).toMatchObject({ res: { status: 404 }, body: { reason: 'banned', error: 404 } });
    expect(await get(f, tok, '/r/edgy/about')).toMatchObject({ res: { status: 403 }, body: { reason: 'quarantined' } });
    expect((await get(f, tok, '/r/ghost/about')).body).toEqual({ message: 'Not Found', error: 404 });
    expect((await get(f, tok, '/r/whatever/about')).res.status).toBe(404);
  });

  it('serves /comments/{id} as [post listing, comment listing] with a more stub when truncated', async () => {
    const f = await start({
      posts: [post('p1', 'ml', 10, 60, { selftext: 'body text' })],
      comments: {
        p1: [
          { id: 'c1', author: 'AutoModerator', body: 'rules', score: 1, stickied: true, distinguished: 'moderator' },
          { id: 'c2', author: 'alice', body: 'great', score: 40, replies: [{ id: 'c2a', author: 'bob', body: 'agreed', score: 3 }] },
          { id: 'c3', author: 'carol', body: 'meh', score: 2 },
        ],
      },
    });
    const tok = await token(f);
    const { res, body } = await get(f, tok, '/comments/p1?limit=2&depth=2&sort=top&raw_json=1');
    expect(res.status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    const [postListing, commentListing] = body;
    expect(postListing.data.children).toHaveLength(1);
    expect(postListing.data.children[0]).toMatchObject({ kind: 't3', data: { name: 't3_p1', selftext: 'body text' } });
    const kids = commentListing.data.children;
    expect(kids.map((k: any) => k.kind)).toEqual(['t1', 't1', 'more']);
    expect(kids[0].data).toMatchObject({ name: 't1_c1', stickied: true, distinguished: 'moderator', replies: '' });
    expect(kids[1].data.replies.data.children[0]).toMatchObject({ kind: 't1', data: { id: 'c2a', body: 'agreed' } });
    expect(kids[2].data).toMatchObject({ count: 1, children: ['c3'] });
    expect((await get(f, tok, '/comments/nope')).res.status).toBe(404);
  });

  it('injects a 429 with Retry-After once, then answers normally; malformed and delay faults too', async () => {
    const f = await start({ posts: [post('a', 'ml', 1, 60)] });
    const tok = await token(f);
    f.inject('/r/ml', { kind: 'status', status: 429, retryAfterSeconds: 7 });
    const limited = await get(f, tok, '/r/ml/top');
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toBe('7');
    expect((await get(f, tok, '/r/ml/top')).res.status).toBe(200);

    f.inject('', { kind: 'malformed' });
    const bad = await fetch(`${f.apiBase}/r/ml/top`, { headers: { Authorization: `bearer ${tok}` } });
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();

    f.inject('/r/', { kind: 'delay', ms: 5000 });
    await expect(fetch(`${f.apiBase}/r/ml/top`, { headers: { Authorization: `bearer ${tok}` }, signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('counts X-Ratelimit headers down, answers 429 when exhausted, and honours setRateLimitRemaining', async () => {
    const f = await start({ posts: [post('a', 'ml', 1, 60)], rateLimit: { limit: 3, windowSeconds: 600 } });
    const tok = await token(f); // token requests are not counted
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { res } = await get(f, tok, '/r/ml/new');
      expect(res.status).toBe(200);
      remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
      expect(Number(res.headers.get('x-ratelimit-used'))).toBe(i + 1);
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      expect(Number.isInteger(reset) && reset > 590 && reset <= 600).toBe(true);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const over = await get(f, tok, '/r/ml/new');
    expect(over.res.status).toBe(429);
    expect(over.res.headers.get('x-ratelimit-remaining')).toBe('0.0');

    const g = await startFakeReddit({ posts: [post('a', 'ml', 1, 60)], now: NOW });
    try {
      const t = await token(g);
      g.setRateLimitRemaining(1, 30);
      const first = await get(g, t, '/r/ml/new');
      expect(first.res.headers.get('x-ratelimit-remaining')).toBe('0.0');
      expect(Number(first.res.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(30);
      expect((await get(g, t, '/r/ml/new')).res.status).toBe(429);
      g.setRateLimitRemaining(5, 0); // window over: back to the normal budget
      expect((await get(g, t, '/r/ml/new')).res.headers.get('x-ratelimit-remaining')).toBe('99.0');
    } finally {
      await g.close();
    }
  });

  it('closes promptly even with a request sleeping in a delay', async () => {
    const f = await start({ posts: [post('a', 'ml', 1, 60)] });
    const tok = await token(f);
    f.inject('', { kind: 'delay', ms: 60_000 });
    const pending = fetch(`${f.apiBase}/r/ml/new`, { headers: { Authorization: `bearer ${tok}` } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await f.close();
    fake = undefined;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('streams a huge body to a slow reader without piling up listeners (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const f = await start();
      const tok = await token(f);
      const bytes = 4 * 1024 * 1024;
      f.inject('/r/', { kind: 'huge', bytes });
      const res = await fetch(`${f.apiBase}/r/ml/top`, { headers: { Authorization: `bearer ${tok}` } });
      // Read slowly, so that the fake's writes fill the socket and wait for 'drain' many times over.
      const reader = res.body!.getReader();
      let received = 0;
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        received += part.value.length;
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(received).toBe(bytes);
      await new Promise((r) => setTimeout(r, 50)); // warnings are emitted on a later tick
      expect(warnings.filter((w) => /MaxListeners/.test(w))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
