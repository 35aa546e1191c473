import { describe, expect, it } from 'vitest';
import { streamAnswer } from '../../src/chat/stream.js';
import type { FollowUpAnswer } from '../../src/followup/follow-ups.js';
import { note, paragraph } from '../../src/reply/reply.js';
import { FakeChatAdapter } from './fake-chat-adapter.js';

const thread = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C1', threadId: 'T1' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deltas arriving `gapMs` apart, and a final answer once they are all out. */
function scripted(deltas: string[], final: FollowUpAnswer, gapMs = 5) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  async function* text() {
    for (const delta of deltas) {
      await sleep(gapMs);
      yield delta;
    }
    finish();
  }
  return { text: text(), done: finished.then(() => final) };
}

const finalAnswer = (text: string): FollowUpAnswer => ({
  reply: { blocks: [paragraph(text, ' Source: ', { text: 'a post', url: 'https://www.reddit.com/comments/1r1lmcy' })] },
  usage: null,
  source: 'claude',
});

describe('streamAnswer', () => {
  it('shows typing, posts at the first sentence, edits no faster than the interval, and ends with the grounded reply', async () => {
    const chat = new FakeChatAdapter({ limits: { editIntervalMs: 40 } });
    const words = 'Seedance is the story. '.concat('People compare it with Sora and Veo at length. '.repeat(6)).split(/(?<= )/);
    const result = await streamAnswer(chat, thread, scripted(words, finalAnswer('Seedance is the story.')), { userId: 'U1' });

    expect(chat.of('typing').length).toBeGreaterThan(0);
    const posts = chat.of('post');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.content).toMatch(/^Seedance is the story\. …$/);
    const edits = chat.of('edit');
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(38);
    expect(edits.at(-1)!.content).toContain('[a post](<https://www.reddit.com/comments/1r1lmcy>)');
    expect(chat.messages.get(posts[0]!.id)).not.toContain('…');
    expect(result.messages.map((m) => m.messageId)).toEqual([posts[0]!.id]);
  });

  it('continues in a new message when the draft would pass the limit, and the final reply fills them in order', async () => {
    const chat = new FakeChatAdapter({ limits: { editIntervalMs: 5, draftChars: 200, messageChars: 250 } });
    const sentence = 'A sentence about local models and their VRAM needs. ';
    const long = sentence.repeat(12);
    await streamAnswer(chat, thread, scripted(long.split(/(?<= )/), finalAnswer(long.trim()), 1), { userId: 'U1' });
    const posts = chat.of('post');
    expect(posts.length).toBeGreaterThan(1);
    for (const content of chat.messages.values()) expect(content.length).toBeLessThanOrEqual(250);
    // Nothing lost or repeated: the messages read as the final answer.
    const shown = [...chat.messages.values()].join(' ').replace(/\s+/g, ' ');
    expect(shown.split('local models').length - 1).toBe(12);
  });

  it('removes drafts the final reply does not need (a short offline answer after a long failed stream)', async () => {
    const chat = new FakeChatAdapter({ limits: { editIntervalMs: 5, draftChars: 100, messageChars: 150 } });
    const words = 'Word number one two three four five six seven eight nine ten. '.repeat(6).split(/(?<= )/);
    const offline: FollowUpAnswer = { reply: { blocks: [note('Claude stopped midway; here are the closest posts.', 'warning')] }, usage: null, source: 'offline' };
    await streamAnswer(chat, thread, scripted(words, offline, 1), { userId: 'U1' });
    expect(chat.of('remove').length).toBeGreaterThan(0);
    expect([...chat.messages.values()]).toEqual([expect.stringContaining('Claude stopped midway')]);
  });

  it('sends a refusal privately when the platform can and nothing was streamed', async () => {
    const chat = new FakeChatAdapter({ private: true });
    const refused: FollowUpAnswer = { reply: { blocks: [note('You can ask again at 09:00 UTC.')], private: true }, usage: null, source: 'refused' };
    await streamAnswer(chat, thread, scripted([], refused), { userId: 'U7' });
    expect(chat.of('post')).toHaveLength(0);
    expect(chat.of('private')).toEqual([expect.objectContaining({ userId: 'U7', content: expect.stringContaining('09:00 UTC') })]);
  });

  it('uses native streaming when offered, and ends it with the final reply', async () => {
    const chat = new FakeChatAdapter({ native: {} });
    await streamAnswer(chat, thread, scripted('One. Two. Three.'.split(/(?<= )/), finalAnswer('One. Two. Three.')), { userId: 'U1' });
    // What was appended is the start of the text; the stop message is the grounded answer in full.
    expect('One. Two. Three.'.startsWith(chat.of('append').map((a) => a.text).join(''))).toBe(true);
    expect(chat.of('append').length).toBeGreaterThan(0);
    expect(chat.of('stop')[0]!.content).toContain('reddit.com/comments/1r1lmcy');
    expect(chat.of('post')).toHaveLength(0);
  });

  it('falls back to a message and edits when the native stream expires midway', async () => {
    const chat = new FakeChatAdapter({ native: { failAppendAfter: 1 }, limits: { editIntervalMs: 5 } });
    const words = 'First sentence here. Second sentence here. Third sentence here.'.split(/(?<= )/);
    await streamAnswer(chat, thread, scripted(words, finalAnswer('All three sentences.'), 15), { userId: 'U1' });
    expect(chat.of('append')).toHaveLength(1);
    // The stream's own message goes on as the draft: edited, never a second message beside it.
    expect(chat.of('post')).toHaveLength(0);
    expect(chat.of('stop')).toHaveLength(0);
    const edits = chat.of('edit');
    expect(new Set(edits.map((e) => e.id))).toEqual(new Set(['m1']));
    expect(edits.at(-1)!.content).toContain('reddit.com/comments/1r1lmcy');
  });

  it('does not stream on a platform that cannot edit: it posts the final reply once', async () => {
    const chat = new FakeChatAdapter({ limits: { canEdit: false } });
    await streamAnswer(chat, thread, scripted(['Hello there. ', 'More.'], finalAnswer('Hello there. More.')), { userId: 'U1' });
    expect(chat.of('post')).toHaveLength(1);
    expect(chat.of('edit')).toHaveLength(0);
  });
});
