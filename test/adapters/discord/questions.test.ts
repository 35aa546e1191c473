import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic.js';
import { citationOf, sampleReport } from '../../followup/helpers.js';
import { askAndAwaitLink, openReportThread, revisionsOf, startHarness, type DiscordHarness } from './harness.js';

// Follow-up questions in the thread under a /trends answer: streamed into the thread, grounded at the end.

let h: DiscordHarness | undefined;
let anthropic: FakeAnthropic | undefined;
afterEach(async () => {
  await h?.stop();
  await anthropic?.close();
  h = undefined;
  anthropic = undefined;
});

const botIn = (h: DiscordHarness, channelId: string) => h.fake.messages(channelId).filter((m) => m.author.id === h.fake.botUser.id);

describe('Discord: questions in a report thread', () => {
  it('streams the answer: typing, a first message, edits, and the final text with the cited post links', async () => {
    anthropic = await startFakeAnthropic();
    h = await startHarness({ anthropic });
    const threadId = await openReportThread(h);
    const post = sampleReport().sections.today[0]!;
    const claim = 'The top post is a meme about how fast AI moves. Commenters mostly agree, and several point at the pace of releases this month. Others say the hype is overdone.';
    anthropic.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Here is the gist. ' }, { type: 'text', text: claim, citations: [citationOf(post)] }], chunkDelayMs: 15 });

    const first = await askAndAwaitLink(h, threadId, 'What is the top post about?', post.url);

    const answer = h.fake.message(first.id)!;
    expect(answer.history.filter((r) => r.kind === 'edit').length).toBeGreaterThanOrEqual(2);
    expect(answer.content).toContain(`(<${post.url}>)`);
    expect(answer.content).not.toContain('…');
    for (const revision of revisionsOf(h.fake, [threadId]).filter((r) => r.content)) expect(revision.allowed_mentions).toMatchObject({ parse: [] });
    // The exchange is remembered with the thread.
    const binding = await h.store.threads.get(`discord:${h.fake.channelId}:${threadId}`);
    expect(binding!.turns.map((t) => t.role)).toEqual(['user', 'assistant']);
  });

  it('a stream that breaks midway ends with the offline answer and a note, not a half sentence', async () => {
    anthropic = await startFakeAnthropic();
    h = await startHarness({ anthropic });
    const threadId = await openReportThread(h);
    anthropic.enqueue({ kind: 'message', content: [{ type: 'text', text: 'Seedance is everywhere today. It started with a clip of Will Smith and then it spread to every other community that' }], chunkDelayMs: 20, streamErrorAfter: 1 });
    h.fake.userMessage({ channelId: threadId, content: 'what about Seedance?' });
    const answer = await h.fake.waitForMessage((m) => m.channel_id === threadId && m.id !== threadId && m.author.id === h!.fake.botUser.id, 5_000);
    for (let i = 0; i < 100 && !/best match your question/.test(h.fake.message(answer.id)!.content); i++) await new Promise((r) => setTimeout(r, 30));
    const final = botIn(h, threadId).filter((m) => m.id !== threadId).map((m) => m.content).join('\n');
    expect(final).toMatch(/best match your question/);
    expect(final).toMatch(/Claude|could not|offline|unavailable/i);
    expect(final).not.toMatch(/every other community that/);
  });

  it('answers offline without Claude, and ignores bots, other threads and edits', async () => {
    h = await startHarness();
    const threadId = await openReportThread(h);
    const otherThread = h.fake.addChannel({ type: 11, name: 'elsewhere' });

    h.fake.userMessage({ channelId: threadId, content: 'what about Seedance?', authorBot: true });
    h.fake.userMessage({ channelId: otherThread, content: 'what about Seedance?' });
    h.fake.userMessage({ channelId: h.fake.channelId, content: 'what about Seedance?' });
    const question = h.fake.userMessage({ channelId: threadId, content: 'what about Seedance?' });
    h.fake.userMessageUpdate({ channelId: threadId, messageId: question.id, content: 'what about Kimi?' });

    await h.fake.waitForMessage((m) => m.channel_id === threadId && m.author.id === h!.fake.botUser.id && /Seedance/.test(m.content), 5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(botIn(h, threadId).filter((m) => m.id !== threadId && !/Trend Report/.test(m.content))).toHaveLength(1);
    expect(botIn(h, otherThread)).toEqual([]);
    expect(botIn(h, h.fake.channelId)).toHaveLength(1); // the /trends answer only
  });

  it('two bots on one store (two instances for availability) answer a question once; system messages are ignored', async () => {
    h = await startHarness();
    const threadId = await openReportThread(h);
    const second = await startHarness({ fake: h.fake, storeUrl: h.storeUrl });
    try {
      await h.fake.ready();
      h.fake.userMessage({ channelId: threadId, content: 'Alice pinned a message.', type: 6 });
      h.fake.userMessage({ channelId: threadId, content: 'what about Seedance?' });
      await h.fake.waitForMessage((m) => m.channel_id === threadId && m.author.id === h!.fake.botUser.id && /Seedance/.test(m.content), 5_000);
      await new Promise((r) => setTimeout(r, 400));
      expect(botIn(h, threadId).filter((m) => m.id !== threadId && !/Trend Report/.test(m.content))).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('without the MessageContent intent, a question that mentions the bot is still answered', async () => {
    h = await startHarness({ messageContent: false });
    const threadId = await openReportThread(h);
    h.fake.userMessage({ channelId: threadId, content: 'what about Seedance? (no mention)' });
    h.fake.userMessage({ channelId: threadId, content: `<@${h.fake.botUser.id}> what about Seedance?`, mentionsBot: true });
    await h.fake.waitForMessage((m) => m.channel_id === threadId && m.author.id === h!.fake.botUser.id && /Seedance/.test(m.content), 5_000);
    await new Promise((r) => setTimeout(r, 150));
    const binding = await h.store.threads.get(`discord:${h.fake.channelId}:${threadId}`);
    expect(binding!.turns.filter((t) => t.role === 'user').map((t) => t.text)).toEqual(['what about Seedance?']);
  });
});
