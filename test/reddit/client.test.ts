// The Reddit client against the fake Reddit over real HTTP: auth and token renewal, User-Agent and
// raw_json, the rate-limit budget, retries with bounded give-up, and errors that name the URL.
// Waits go through a recording sleep and time through a hand-moved clock, so nothing here really waits.
import { afterEach, describe, expect, it } from 'vitest';
import { RedditError } from '../../src/reddit/errors.js';
import { apiRequests, closeAll, rawPost, rejection, setup, tokenRequests, UA } from './helpers.js';

afterEach(closeAll);

const bearerOf = (r: { headers: Record<string, string | undefined> }) => r.headers.authorization;

describe('RedditClient auth', () => {
  it('fetches one token and reuses it', async () => {
    const { fake, client } = await setup();
    await client.getJson('/r/LocalLLaMA/new');
    await client.getJson('/r/singularity/new');
    await client.getJson('/r/LocalLLaMA/about');
    expect(fake.tokensIssued).toBe(1);
    const api = apiRequests(fake);
    expect(api).toHaveLength(3);
    expect(new Set(api.map(bearerOf)).size).toBe(1);
    expect(bearerOf(api[0]!)).toMatch(/^bearer fake-/);
    expect(client.requestCount).toBe(3);
    // The token request is an HTTP Basic POST with the app credentials.
    const [token] = tokenRequests(fake);
    expect(token?.method).toBe('POST');
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from('test-id:test-secret').toString('base64')}`);
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('renews the token 60 s before expires_in runs out, not earlier', async () => {
    const h = await setup();
    const { fake, client, clock } = h;
    await client.getJson('/r/LocalLLaMA/new');
    clock.advance(3600_000 - 60_000 - 1); // one ms before the renewal margin
    await client.getJson('/r/LocalLLaMA/new');
    expect(fake.tokensIssued).toBe(1);
    clock.advance(1); // exactly expires_in − 60 s
    await client.getJson('/r/LocalLLaMA/new');
    expect(fake.tokensIssued).toBe(2);
    const [first, second, third] = apiRequests(fake).map(bearerOf);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    clock.advance(3600_000 - 60_000 - 1); // the new token lives its own expires_in
    await client.getJson('/r/LocalLLaMA/new');
    expect(fake.tokensIssued).toBe(2);
  });

  it('follows the expires_in Reddit gives', async () => {
    const { fake, client, clock } = await setup({ tokenTtlSeconds: 120 });
    await client.getJson('/r/LocalLLaMA/new');
    clock.advance(59_999);
    await client.getJson('/r/LocalLLaMA/new');
    expect(fake.tokensIssued).toBe(1);
    clock.advance(1);
    await client.getJson('/r/LocalLLaMA/new');
    expect(fake.tokensIssued).toBe(2);
  });

  it('renews once on a 401 and the request succeeds', async () => {
    const { fake, client, sleeps } = await setup();
    await client.getJson('/r/LocalLLaMA/new');
    fake.inject('/r/LocalLLaMA/top', { kind: 'expire-tokens' });
    const body = (await client.getJson('/r/LocalLLaMA/top', { t: 'day' })) as { kind: string };
    expect(body.kind).toBe('Listing');
    expect(fake.tokensIssued).toBe(2);
    const tops = apiRequests(fake).filter((r) => r.path === '/r/LocalLLaMA/top');
    expect(tops).toHaveLength(2);
    expect(bearerOf(tops[1]!)).not.toBe(bearerOf(tops[0]!));
    expect(sleeps).toEqual([]); // a renewal is not a retry: no backoff
  });

  it('gives up with an auth error on a second consecutive 401 (no loop)', async () => {
    const { fake, client } = await setup();
    fake.inject('/r/LocalLLaMA/new', { kind: 'expire-tokens' }, 5);
    const error = await rejection(client.getJson('/r/LocalLLaMA/new'));
    expect(error).toBeInstanceOf(RedditError);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect((error as Error).message).toContain(`${fake.apiBase}/r/LocalLLaMA/new?raw_json=1`);
    expect(apiRequests(fake)).toHaveLength(2);
    // One token for the first try and one renewal; the second 401 does not fetch a token nobody will use.
    expect(fake.tokensIssued).toBe(2);
    // ...but the rejected token is dropped: the next call starts with a new one and works.
    await client.getJson('/r/singularity/new');
    expect(fake.tokensIssued).toBe(3);
    expect(apiRequests(fake)).toHaveLength(3);
  });

  it('a 401 after the renewal budget is spent on another call renews again (per call, not per client)', async () => {
    const { fake, client } = await setup();
    fake.inject('/r/LocalLLaMA/new', { kind: 'expire-tokens' });
    await client.getJson('/r/LocalLLaMA/new');
    fake.inject('/r/LocalLLaMA/new', { kind: 'expire-tokens' });
    await client.getJson('/r/LocalLLaMA/new');
    expect(fake.tokensIssued).toBe(3);
  });

  it('wrong credentials give a clear auth error naming REDDIT_CLIENT_ID/SECRET, without retries', async () => {
    const h = await setup();
    const client = h.makeClient({ credentials: { clientId: 'test-id', clientSecret: 'not-the-secret' } });
    const error = await rejection(client.getJson('/r/LocalLLaMA/new'));
    expect(error).toBeInstanceOf(RedditError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, url: `${h.fake.authBase}/api/v1/access_token` });
    const message = (error as Error).message;
    expect(message).toContain('REDDIT_CLIENT_ID');
    expect(message).toContain('REDDIT_CLIENT_SECRET');
    expect(message).toContain('/api/v1/access_token');
    expect(message).not.toContain('not-the-secret');
    expect(tokenRequests(h.fake)).toHaveLength(1);
    expect(apiRequests(h.fake)).toHaveLength(0);
    expect(h.sleeps).toEqual([]);
  });

  it('refused credentials are not offered again: later requests, after the refusal came back, get the same refusal', async () => {
    const h = await setup();
    const client = h.makeClient({ credentials: { clientId: 'test-id', clientSecret: 'not-the-secret' } });
    const first = await rejection(client.getJson('/r/LocalLLaMA/new'));
    const later = await Promise.all([rejection(client.getJson('/r/singularity/new')), rejection(client.getJson('/r/LocalLLaMA/top'))]);
    for (const error of later) expect(error).toBe(first);
    expect(tokenRequests(h.fake)).toHaveLength(1);
    expect(apiRequests(h.fake)).toHaveLength(0);
  });

  it('concurrent requests share one token request', async () => {
    const { fake, client } = await setup();
    await Promise.all(['LocalLLaMA', 'singularity', 'LocalLLaMA', 'singularity', 'LocalLLaMA'].map((s) => client.getJson(`/r/${s}/new`)));
    expect(fake.tokensIssued).toBe(1);
    expect(tokenRequests(fake)).toHaveLength(1);
    expect(apiRequests(fake)).toHaveLength(5);
  });

  it('concurrent requests rejected with 401 together share one renewal', async () => {
    const h = await setup();
    await h.client.getJson('/r/LocalLLaMA/new');
    // Another client's request expires every token the fake issued, ours included (and renews its own).
    h.fake.inject('/r/singularity/about', { kind: 'expire-tokens' });
    await h.makeClient().getJson('/r/singularity/about');
    expect(h.fake.tokensIssued).toBe(3);
    const before = apiRequests(h.fake).length;
    await Promise.all([1, 2, 3].map(() => h.client.getJson('/r/LocalLLaMA/new')));
    // Three requests rejected with the same old token wait for the same renewal: one new token in all.
    expect(h.fake.tokensIssued).toBe(4);
    expect(apiRequests(h.fake).length - before).toBe(6);
  });
});

describe('RedditClient request shape', () => {
  it('sends the User-Agent on every request, the token request included', async () => {
    const { fake, client, clock } = await setup();
    await client.getJson('/r/LocalLLaMA/new');
    await client.getJson('/r/LocalLLaMA/about');
    clock.advance(3600_000); // forces a renewal
    await client.getJson('/comments/a1');
    expect(fake.requests).toHaveLength(5);
    expect(tokenRequests(fake)).toHaveLength(2);
    for (const r of fake.requests) expect(r.headers['user-agent']).toBe(UA);
  });

  it('always sends raw_json=1, so titles come back unescaped', async () => {
    const title = 'Q&A: R&D <tools> & "agents"';
    const { fake, client } = await setup({ posts: [rawPost('q1', 'LocalLLaMA', { title, link_flair_text: 'News & Views' })] });
    const body = (await client.getJson('/r/LocalLLaMA/new', { limit: 10, raw_json: 0, after: undefined })) as {
      data: { children: { data: { title: string; link_flair_text: string } }[] };
    };
    expect(body.data.children[0]?.data.title).toBe(title);
    expect(body.data.children[0]?.data.link_flair_text).toBe('News & Views');
    await client.getJson('/r/LocalLLaMA/about');
    await client.getJson('/r/LocalLLaMA/top?t=week');
    const api = apiRequests(fake);
    for (const r of api) expect(r.query.raw_json).toBe('1');
    expect(api[0]?.query).toEqual({ limit: '10', raw_json: '1' }); // undefined parameters are left out
    expect(api[2]?.query).toEqual({ t: 'week', raw_json: '1' });
  });

  it('joins apiBase and path whatever their slashes', async () => {
    const h = await setup();
    const client = h.makeClient({ apiBase: `${h.fake.apiBase}/` });
    await client.getJson('r/LocalLLaMA/new');
    await client.getJson('//r/LocalLLaMA/new');
    expect(apiRequests(h.fake).map((r) => r.path)).toEqual(['/r/LocalLLaMA/new', '/r/LocalLLaMA/new']);
  });
});

describe('RedditClient rate limit', () => {
  it('waits for the window reset when X-Ratelimit-Remaining is used up, instead of collecting a 429', async () => {
    const h = await setup();
    const { fake, client, sleeps, waits } = h;
    fake.setRateLimitRemaining(1, 30); // one request left in a window ending in 30 s
    // Sleeping through the reset rolls the fake's window, as 30 real seconds would.
    h.onSleep = () => fake.setRateLimitRemaining(100, 600);
    await client.getJson('/r/LocalLLaMA/new'); // answered with Remaining 0.0, Reset 30
    expect(sleeps).toEqual([]);
    const body = (await client.getJson('/r/singularity/new')) as { kind: string };
    expect(body.kind).toBe('Listing');
    expect(sleeps).toEqual([30_000]);
    expect(waits).toEqual([{ ms: 30_000, why: expect.stringContaining('rate-limit') }]);
    expect(apiRequests(fake)).toHaveLength(2); // no 429 and no retry
  });

  it('keeps one request in reserve', async () => {
    const h = await setup();
    h.fake.setRateLimitRemaining(3, 20);
    h.onSleep = () => h.fake.setRateLimitRemaining(100, 600);
    await h.client.getJson('/r/LocalLLaMA/new'); // Remaining 2
    await h.client.getJson('/r/LocalLLaMA/new'); // Remaining 1
    expect(h.sleeps).toEqual([]);
    await h.client.getJson('/r/LocalLLaMA/new');
    expect(h.sleeps).toEqual([20_000]);
  });

  it('does not wait once the reset time has passed', async () => {
    const h = await setup();
    h.fake.setRateLimitRemaining(1, 30);
    await h.client.getJson('/r/LocalLLaMA/new');
    h.clock.advance(30_000);
    h.fake.setRateLimitRemaining(100, 600);
    await h.client.getJson('/r/LocalLLaMA/new');
    expect(h.sleeps).toEqual([]);
  });

  it('gives up at once, without sending, when the window resets later than maxWaitMs', async () => {
    const h = await setup({}, { maxWaitMs: 60_000 });
    h.fake.setRateLimitRemaining(1, 300);
    await h.client.getJson('/r/LocalLLaMA/new');
    const error = await rejection(h.client.getJson('/r/singularity/new'));
    expect(error).toBeInstanceOf(RedditError);
    expect((error as Error).message).toContain(`${h.fake.apiBase}/r/singularity/new?raw_json=1`);
    expect((error as Error).message).toMatch(/resets in 300 s/);
    expect(apiRequests(h.fake)).toHaveLength(1);
    expect(h.sleeps).toEqual([]); // no backoff retries that could not help
  });
});

describe('RedditClient retries', () => {
  it('honours Retry-After on a 429, then succeeds', async () => {
    const { fake, client, sleeps, waits } = await setup();
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 429, retryAfterSeconds: 7 });
    const body = (await client.getJson('/r/LocalLLaMA/new')) as { kind: string };
    expect(body.kind).toBe('Listing');
    expect(sleeps).toEqual([7_000]);
    expect(waits[0]?.why).toMatch(/retry 1\/3 after Reddit answered 429/);
    expect(apiRequests(fake)).toHaveLength(2);
  });

  it('waits the backoff when it is longer than Retry-After', async () => {
    const { fake, client, sleeps } = await setup({}, { backoff: { baseMs: 4_000, capMs: 10_000 }, random: () => 1 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 429, retryAfterSeconds: 1 });
    await client.getJson('/r/LocalLLaMA/new');
    expect(sleeps).toEqual([4_000]);
  });

  it('retries a 503 with exponential backoff and jitter, then succeeds', async () => {
    const { fake, client, sleeps } = await setup();
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 503 }, 3);
    await client.getJson('/r/LocalLLaMA/new');
    // random 0.5 of min(1000, 100·2^n): 50, 100, 200
    expect(sleeps).toEqual([50, 100, 200]);
    expect(apiRequests(fake)).toHaveLength(4);
  });

  it('retries a timeout, then succeeds', async () => {
    const { fake, client, sleeps } = await setup({}, { timeoutMs: 200 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'delay', ms: 2_000 });
    const started = Date.now();
    const body = (await client.getJson('/r/LocalLLaMA/new')) as { kind: string };
    expect(body.kind).toBe('Listing');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(sleeps).toEqual([50]);
    expect(apiRequests(fake)).toHaveLength(2);
  });

  it('a timeout that never ends gives up with a timeout error naming the URL', async () => {
    const { fake, client } = await setup({}, { timeoutMs: 100, maxRetries: 1 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'delay', ms: 2_000 }, 5);
    const error = await rejection(client.getJson('/r/LocalLLaMA/new'));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toContain('100 ms');
    expect((error as Error).message).toContain(`${fake.apiBase}/r/LocalLLaMA/new?raw_json=1`);
    expect(apiRequests(fake)).toHaveLength(2);
  });

  it('gives up after maxRetries with an error naming the URL', async () => {
    const { fake, client, sleeps } = await setup({}, { maxRetries: 3 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 503 }, 100);
    const error = await rejection(client.getJson('/r/LocalLLaMA/new', { t: 'day' }));
    expect(error).toBeInstanceOf(RedditError);
    expect(error).toMatchObject({ kind: 'http', status: 503, retryable: true });
    expect((error as Error).message).toContain('503');
    expect((error as Error).message).toContain(`${fake.apiBase}/r/LocalLLaMA/new?t=day&raw_json=1`);
    expect(apiRequests(fake)).toHaveLength(1 + 3);
    expect(sleeps).toHaveLength(3);
  });

  it('maxRetries 0 means one attempt', async () => {
    const { fake, client } = await setup({}, { maxRetries: 0 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 500 }, 100);
    await expect(client.getJson('/r/LocalLLaMA/new')).rejects.toMatchObject({ status: 500 });
    expect(apiRequests(fake)).toHaveLength(1);
  });

  it('the backoff is capped', async () => {
    const { fake, client, sleeps } = await setup({}, { maxRetries: 6, random: () => 1 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 502 }, 6);
    await client.getJson('/r/LocalLLaMA/new');
    expect(sleeps).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('gives up at once when Retry-After is longer than maxWaitMs', async () => {
    const { fake, client, sleeps, waits } = await setup({}, { maxWaitMs: 10_000 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'status', status: 429, retryAfterSeconds: 11 }, 5);
    const error = await rejection(client.getJson('/r/LocalLLaMA/new'));
    expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 11_000 });
    expect((error as Error).message).toContain(`${fake.apiBase}/r/LocalLLaMA/new?raw_json=1`);
    expect(apiRequests(fake)).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(waits).toEqual([]);
  });

  it('a malformed body is a RedditError of kind malformed naming the URL, not a crash', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { fake, client } = await setup();
      fake.inject('/r/LocalLLaMA/new', { kind: 'malformed' });
      const error = await rejection(client.getJson('/r/LocalLLaMA/new'));
      expect(error).toBeInstanceOf(RedditError);
      expect(error).toMatchObject({ kind: 'malformed', url: `${fake.apiBase}/r/LocalLLaMA/new?raw_json=1` });
      expect((error as Error).message).toContain(`${fake.apiBase}/r/LocalLLaMA/new?raw_json=1`);
      // The client is still usable afterwards.
      expect(await client.getJson('/r/LocalLLaMA/new')).toMatchObject({ kind: 'Listing' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it.each([
    ['a missing subreddit (404)', '/r/NoSuchSub/about', 404, undefined],
    ['a banned subreddit (404, reason banned)', '/r/Gone/about', 404, 'banned'],
    ['a private subreddit (403, reason private)', '/r/Secret/about', 403, 'private'],
  ])('does not retry %s', async (_name, path, status, reason) => {
    const { fake, client, sleeps } = await setup({ subreddits: { Gone: { status: 'banned' }, Secret: { status: 'private' } } });
    const error = await rejection(client.getJson(path));
    expect(error).toBeInstanceOf(RedditError);
    expect(error).toMatchObject({ kind: 'http', status, reason, retryable: false });
    expect((error as Error).message).toContain(`${fake.apiBase}${path}?raw_json=1`);
    expect(apiRequests(fake)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a dropped connection is a retryable network error', async () => {
    const h = await setup({}, { maxRetries: 1 });
    const client = h.makeClient({ apiBase: 'http://127.0.0.1:9' }); // discard port: nothing listens
    const error = await rejection(client.getJson('/r/LocalLLaMA/new'));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect((error as Error).message).toContain('http://127.0.0.1:9/r/LocalLLaMA/new?raw_json=1');
    expect(h.sleeps).toEqual([50]);
  });

  it('fetches comment threads the same way', async () => {
    const { client, fake } = await setup({ comments: { a1: [{ id: 'c1', author: 'alice', body: 'x & y', score: 3 }] } });
    const body = (await client.getJson('/comments/a1', { limit: 5 })) as [unknown, { data: { children: { data: { body: string } }[] } }];
    expect(body[1].data.children[0]?.data.body).toBe('x & y');
    expect(apiRequests(fake)[0]?.query).toEqual({ limit: '5', raw_json: '1' });
  });
});

describe('RedditClient against a hostile or broken upstream', () => {
  it('does not follow a redirect off the API: an error naming where it pointed (credentials redacted), no retry', async () => {
    const { fake, client } = await setup();
    fake.inject('/r/LocalLLaMA/new', { kind: 'redirect', location: 'http://user:hunter2@evil.example/r/empty?token=abc' });
    const error = await client.getJson('/r/LocalLLaMA/new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditError);
    expect((error as Error).message).toMatch(/redirected to http:\/\/\[redacted\]@evil\.example\/r\/empty\?token=\[redacted\].*not followed/);
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as RedditError).retryable).toBe(false);
    expect(apiRequests(fake).filter((r) => r.path.startsWith('/r/LocalLLaMA/new'))).toHaveLength(1);
  });

  it('quotes a Location it cannot parse without its control characters or a ping', async () => {
    const { fake, client } = await setup();
    fake.inject('/r/LocalLLaMA/new', { kind: 'redirect', location: 'ht\u009btp://evil.example/@everyone' });
    const error = await client.getJson('/r/LocalLLaMA/new').catch((e: unknown) => e);
    expect((error as Error).message).toContain('redirected to http://evil.example/@\u200deveryone, which is not followed');
  });

  it('the token endpoint follows the same rules: a redirect is named (redacted) and not followed, a huge answer is not read', async () => {
    const redirected = await setup();
    redirected.fake.inject('/api/v1/access_token', { kind: 'redirect', location: 'http://user:hunter2@evil.example/token?token=abc' });
    const error = await rejection(redirected.client.getJson('/r/LocalLLaMA/new'));
    expect(error).toBeInstanceOf(RedditError);
    expect((error as Error).message).toMatch(/token endpoint redirected to http:\/\/\[redacted\]@evil\.example\/token\?token=\[redacted\], which is not followed.*REDDIT_AUTH_BASE/);
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as RedditError).retryable).toBe(false);

    const flooded = await setup({}, { maxResponseBytes: 1024 * 1024, maxRetries: 0 });
    flooded.fake.inject('/api/v1/access_token', { kind: 'huge', bytes: 20 * 1024 * 1024 });
    const huge = await rejection(flooded.client.getJson('/r/LocalLLaMA/new'));
    expect((huge as Error).message).toMatch(/token endpoint's answer is larger than 1048576 bytes \(REDDIT_MAX_RESPONSE_BYTES\)/);
    expect((huge as RedditError).retryable).toBe(false);
  });

  it('refuses an answer larger than the cap, by Content-Length or while it streams, without retrying', async () => {
    const { fake, client } = await setup({}, { maxResponseBytes: 1024 * 1024 });
    fake.inject('/r/LocalLLaMA/new', { kind: 'huge', bytes: 50 * 1024 * 1024 });
    const streamed = await client.getJson('/r/LocalLLaMA/new').catch((e: unknown) => e);
    expect((streamed as Error).message).toMatch(/larger than 1048576 bytes \(REDDIT_MAX_RESPONSE_BYTES\)/);
    fake.inject('/r/singularity/new', { kind: 'huge', bytes: 5 * 1024 * 1024, contentLength: true });
    const declared = await client.getJson('/r/singularity/new').catch((e: unknown) => e);
    expect((declared as RedditError).retryable).toBe(false);
    expect((declared as Error).message).toMatch(/larger than/);
  });
});
