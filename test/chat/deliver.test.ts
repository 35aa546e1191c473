import { describe, expect, it } from 'vitest';
import { chartData } from '../../src/analysis/chart-data.js';
import { CHART_FAILED_NOTE, deliver } from '../../src/chat/deliver.js';
import type { Logger } from '../../src/log.js';
import type { DiscordMessage } from '../../src/render/discord.js';
import { ChatError } from '../../src/chat/errors.js';
import type { ThreadTarget } from '../../src/chat/target.js';
import { reportReply } from '../../src/reply/report.js';
import { note } from '../../src/reply/reply.js';
import { sampleReport } from '../followup/helpers.js';
import { FakeChatAdapter } from './fake-chat-adapter.js';

const channel = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C1' };

describe('deliver', () => {
  it('posts the first message in the channel, opens and binds a thread on it, and continues inside it', async () => {
    const chat = new FakeChatAdapter();
    const bound: Array<[ThreadTarget, string]> = [];
    const reply = reportReply(sampleReport(), { section: 'full' });
    const result = await deliver(chat, channel, reply, { bindThread: async (thread, date) => void bound.push([thread, date]) });

    const posts = chat.of('post');
    expect(posts.length).toBeGreaterThan(2);
    expect(posts[0]!.target).toEqual(channel);
    expect(posts.slice(1).every((p) => p.target.threadId === 'thread-of-m1')).toBe(true);
    expect(chat.of('thread')).toEqual([expect.objectContaining({ id: 'm1', name: 'Reddit AI Trend Report - 2026-02-11' })]);
    expect(bound).toEqual([[{ ...channel, threadId: 'thread-of-m1' }, '2026-02-11']]);
    expect(result.thread).toEqual({ ...channel, threadId: 'thread-of-m1' });
    expect(result.messages.map((m) => m.messageId)).toEqual(posts.map((p) => p.id));
    expect(posts.every((p) => p.content.length <= 2000)).toBe(true);
  });

  it('posts a reply without a thread request where it was asked, and binds nothing', async () => {
    const chat = new FakeChatAdapter();
    let bound = 0;
    await deliver(chat, channel, { blocks: [note('hello')] }, { bindThread: async () => void bound++ });
    expect(chat.of('post')).toHaveLength(1);
    expect(chat.of('thread')).toHaveLength(0);
    expect(bound).toBe(0);
  });

  it('uses postFirst for the first message (an interaction reply) and the adapter for the rest', async () => {
    const chat = new FakeChatAdapter();
    const firsts: string[] = [];
    const reply = reportReply(sampleReport(), { section: 'full' });
    await deliver(chat, channel, reply, { postFirst: async (m) => (firsts.push(m.content), { target: channel, messageId: 'interaction-reply' }) });
    expect(firsts).toHaveLength(1);
    expect(chat.of('thread')[0]!.id).toBe('interaction-reply');
    expect(chat.of('post')[0]!.content).not.toBe(firsts[0]);
  });

  it('keeps the report in the channel when the thread cannot be opened (permanent error), and binds nothing', async () => {
    const chat = new FakeChatAdapter();
    chat.failNext('thread');
    let bound = 0;
    const result = await deliver(chat, channel, reportReply(sampleReport(), { section: 'full' }), { bindThread: async () => void bound++ });
    expect(result.thread).toBeUndefined();
    expect(bound).toBe(0);
    expect(chat.of('post').every((p) => p.target.threadId === undefined)).toBe(true);
  });

  it('passes a retryable failure on to the caller (the scheduler retries the whole post)', async () => {
    const chat = new FakeChatAdapter();
    chat.failNext('post', new ChatError('discord', 'retryable', 'server_error', 'Discord answered 503'));
    await expect(deliver(chat, channel, { blocks: [note('x')] })).rejects.toMatchObject({ kind: 'retryable', code: 'server_error' });
  });

  it('re-binds the thread it was asked in instead of opening another', async () => {
    const chat = new FakeChatAdapter();
    const bound: string[] = [];
    const inThread = { ...channel, threadId: 'T9' };
    await deliver(chat, inThread, reportReply(sampleReport(), { section: 'today' }), { bindThread: async (t) => void bound.push(t.threadId) });
    expect(chat.of('thread')).toHaveLength(0);
    expect(bound).toEqual(['T9']);
  });
});

describe('deliver with a chart', () => {
  const chart = chartData(sampleReport(), [])!;

  /** The fake chat with a chart capability: it marks the message it was given, or fails to draw. */
  function chartChat(draw: (message: DiscordMessage) => DiscordMessage) {
    const chat = new FakeChatAdapter();
    const given: DiscordMessage[] = [];
    return Object.assign(chat, {
      given,
      withChart(message: DiscordMessage) {
        given.push(message);
        return draw(message);
      },
    });
  }

  it('puts the chart on the first message only', async () => {
    const chat = chartChat((m) => ({ ...m, content: `${m.content}\n[chart]` }));
    await deliver(chat, channel, reportReply(sampleReport(), { section: 'full', chart }));
    const posts = chat.of('post');
    expect(posts.length).toBeGreaterThan(1);
    expect(chat.given).toHaveLength(1);
    expect(posts[0]!.content.endsWith('[chart]')).toBe(true);
    expect(posts.slice(1).some((p) => p.content.includes('[chart]'))).toBe(false);
  });

  it('a chart that cannot be drawn: the reply goes out whole, with a warning under the title, and the log says why', async () => {
    const chat = chartChat(() => {
      throw new Error('no canvas');
    });
    const warnings: unknown[] = [];
    const log = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as Logger;
    const reply = reportReply(sampleReport(), { section: 'week', chart });
    await deliver(chat, channel, reply, { log });
    const [first] = chat.of('post');
    expect(first!.content.split('\n\n').slice(0, 2)).toEqual(['# Reddit AI Trend Report - 2026-02-11', `> ⚠️ ${CHART_FAILED_NOTE}`]);
    expect(first!.content).toContain('## Weekly Popular Posts');
    expect(warnings).toEqual([[{ platform: 'discord', err: 'Error: no canvas' }, 'chat: the chart could not be drawn; posting without it']]);
    // Without the capability (the fake alone), the reply goes as it is, with no warning.
    const plain = new FakeChatAdapter();
    await deliver(plain, channel, reply);
    expect(plain.of('post')[0]!.content).not.toContain(CHART_FAILED_NOTE);
  });
});
