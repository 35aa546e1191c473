// The Slack fake against the real @slack/web-api WebClient (the one inside Bolt): message metadata and
// conversations.history (what exactly-once delivery reads back), deleted channels, and chat.postMessage's
// rate limits with the client's own retry on 429.
import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { startFakeSlack } from './slack/web-api.js';
import type { FakeSlack, FakeSlackOptions } from './slack/web-api.js';
import { peakPerSecond } from './rolling.js';

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const MARKER = { event_type: 'ai_trends_post', event_payload: { marker: 'morning-2026-12-02' } };

/** A WebClient on the fake; quiet, since it logs every 429 at info level. */
function clientFor(f: FakeSlack, options: { retryConfig?: webApi.RetryOptions } = {}) {
  return new webApi.WebClient('xoxb-fake', { slackApiUrl: f.apiUrl, logLevel: webApi.LogLevel.ERROR, ...options });
}

async function start(options?: FakeSlackOptions) {
  fake = await startFakeSlack(options);
  return fake;
}

/** A raw Web API call with a JSON body, as a client other than @slack/web-api might send it. */
function postJson(f: FakeSlack, method: string, body: Record<string, unknown>) {
  return fetch(`${f.apiUrl}${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-fake' }, body: JSON.stringify(body),
  });
}


const acceptedPosts = (f: FakeSlack, channel?: string) =>
  f.calls.filter((c) => c.method === 'chat.postMessage' && !c.rateLimited && (channel === undefined || c.args.channel === channel)).map((c) => c.at);

describe('fake Slack: metadata and conversations.history', () => {
  it('keeps metadata sent as form fields or JSON; history is newest first, top level only, metadata only when asked', async () => {
    const f = await start();
    const client = clientFor(f);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*AI trends*' } }];
    const first = await client.chat.postMessage({ channel: 'C1', text: 'morning post', blocks, metadata: MARKER });
    await client.chat.postMessage({ channel: 'C1', thread_ts: first.ts!, text: 'a reply in the thread' });
    expect((await postJson(f, 'chat.postMessage', { channel: 'C1', text: 'json object', metadata: { event_type: 'other', event_payload: { n: 1 } } })).status).toBe(200);
    await postJson(f, 'chat.postMessage', { channel: 'C1', text: 'json string', metadata: JSON.stringify({ event_type: 'as_string' }) });
    await client.chat.postMessage({ channel: 'C2', text: 'elsewhere' });

    expect(f.calls[0]!.args.metadata).toEqual(MARKER); // the client sent it form-encoded, as a JSON string
    expect(f.messages('C1').map((m) => m.metadata?.event_type)).toEqual(['ai_trends_post', undefined, 'other', 'as_string']);

    const plain = await client.conversations.history({ channel: 'C1' });
    expect(plain.ok).toBe(true);
    expect(plain.messages!.map((m) => m.text)).toEqual(['json string', 'json object', 'morning post']);
    expect(plain.messages!.every((m) => m.metadata === undefined)).toBe(true);
    expect(plain.messages![2]).toMatchObject({ type: 'message', ts: first.ts, user: f.botUserId, bot_id: f.botId, blocks, reply_count: 1, thread_ts: first.ts });
    expect(plain.has_more).toBe(false);

    const withMetadata = await client.conversations.history({ channel: 'C1', limit: 2, include_all_metadata: true });
    expect(withMetadata.messages!.map((m) => [m.text, m.metadata?.event_type])).toEqual([['json string', 'as_string'], ['json object', 'other']]);
    expect(withMetadata.has_more).toBe(true);
    const all = await client.conversations.history({ channel: 'C1', include_all_metadata: true });
    const marked = all.messages!.find((m) => m.metadata?.event_type === 'ai_trends_post');
    expect(marked).toMatchObject({ ts: first.ts, metadata: MARKER });
    expect(f.calls.find((c) => c.method === 'conversations.history')!.args).toMatchObject({ channel: 'C1' });
  });

  it('an unknown channel has an empty history; a removed one answers channel_not_found to every call, without retries', async () => {
    const f = await start();
    const client = clientFor(f);
    expect(await client.conversations.history({ channel: 'CNEW' })).toMatchObject({ ok: true, messages: [] });
    await client.chat.postMessage({ channel: 'CGONE', text: 'before' });

    f.removeChannel('CGONE');
    const notFound = { code: webApi.ErrorCode.PlatformError, data: { ok: false, error: 'channel_not_found' } };
    await expect(client.chat.postMessage({ channel: 'CGONE', text: 'after' })).rejects.toMatchObject(notFound);
    await expect(client.conversations.history({ channel: 'CGONE' })).rejects.toMatchObject(notFound);
    await expect(client.conversations.info({ channel: 'CGONE' })).rejects.toMatchObject(notFound);
    expect(f.calls.filter((c) => c.method === 'chat.postMessage' && c.args.text === 'after')).toHaveLength(1);
    expect(f.messages('CGONE').map((m) => m.text)).toEqual(['before']);
    expect((await client.chat.postMessage({ channel: 'COTHER', text: 'still fine' })).ok).toBe(true);
  });
});

describe('fake Slack: chat.postMessage rate limits', () => {
  it('over the per-channel or workspace rate: HTTP 429, Retry-After in whole seconds, error ratelimited; counted', async () => {
    const f = await start({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: 3 } });
    const post = (channel: string) => postJson(f, 'chat.postMessage', { channel, text: `to ${channel}` });
    expect((await post('C1')).status).toBe(200);
    const perChannel = await post('C1');
    expect(perChannel.status).toBe(429);
    expect(perChannel.headers.get('retry-after')).toBe('1');
    expect(await perChannel.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect((await post('C2')).status).toBe(200);
    expect((await post('C3')).status).toBe(200);
    const workspace = await post('C4'); // the fourth post of the second
    expect(workspace.status).toBe(429);
    expect(workspace.headers.get('retry-after')).toBe('1');
    // Other methods are not limited.
    expect((await postJson(f, 'chat.update', { channel: 'C1', ts: f.messages('C1')[0]!.ts, text: 'edited' })).status).toBe(200);

    expect(f.rateLimited).toBe(2);
    expect(f.accepted).toHaveLength(3);
    expect(f.calls.filter((c) => c.rateLimited).map((c) => c.args.channel)).toEqual(['C1', 'C4']);
    expect(f.messages('C1')).toHaveLength(1);
    expect(f.messages('C4')).toHaveLength(0);
  });

  it('the limits can also be given as { rateLimits }', async () => {
    const f = await start({ rateLimits: { perChannelPerSecond: 1 } });
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await postJson(f, 'chat.postMessage', { channel: 'C1', text: 'x' })).status);
    expect(statuses).toEqual([200, 429]);
  });

  it('a WebClient fanning out over the limits retries each 429 after Retry-After: every post lands exactly once', async () => {
    const f = await start({ rateLimits: { perChannelPerSecond: 1, workspacePerSecond: 3 } });
    // No backoff on top of Retry-After (the default policy adds 1–2 s, then 2–4 s…: see the next test).
    const client = clientFor(f, { retryConfig: webApi.retryPolicies.rapidRetryPolicy });
    const waits: number[] = [];
    client.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number) => { waits.push(seconds); });
    const channels = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
    const started = Date.now();
    const posts = [
      ...channels.map((channel) => client.chat.postMessage({ channel, text: `morning ${channel}`, metadata: MARKER })),
      // Two more in C1, e.g. the report's continuation: the per-channel limit binds too.
      client.chat.postMessage({ channel: 'C1', text: 'more 1' }),
      client.chat.postMessage({ channel: 'C1', text: 'more 2' }),
    ];
    const results = await Promise.all(posts);
    const elapsed = Date.now() - started;

    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => `${r.channel}:${r.ts}`)).size).toBe(8);
    for (const channel of channels.slice(1)) expect(f.messages(channel).map((m) => m.text)).toEqual([`morning ${channel}`]);
    expect(f.messages('C1').map((m) => m.text).sort()).toEqual(['more 1', 'more 2', 'morning C1']);
    expect(f.rateLimited).toBeGreaterThan(0);
    expect(waits.length).toBe(f.rateLimited);
    expect(waits.every((s) => s === 1)).toBe(true);
    expect(peakPerSecond(acceptedPosts(f))).toBeLessThanOrEqual(3);
    expect(peakPerSecond(acceptedPosts(f, 'C1'))).toBe(1);
    expect(f.accepted).toHaveLength(8);
    // Three in C1 at one a second: at least two seconds.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
  }, 15_000);

  it('with the default retry policy the retry succeeds too, after Retry-After plus the policy\'s backoff', async () => {
    const f = await start({ rateLimits: { perChannelPerSecond: 1 } });
    const client = clientFor(f);
    const started = Date.now();
    const [a, b] = await Promise.all([
      client.chat.postMessage({ channel: 'C1', text: 'one' }),
      client.chat.postMessage({ channel: 'C1', text: 'two' }),
    ]);
    const elapsed = Date.now() - started;
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(f.messages('C1').map((m) => m.text)).toEqual(['one', 'two']);
    expect(f.rateLimited).toBe(1);
    // 1 s of Retry-After (the client pauses its whole queue meanwhile) + a first backoff of 1–2 s.
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(4500);
  }, 15_000);
});
