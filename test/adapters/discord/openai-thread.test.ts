import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai.js';
import { sampleReport } from '../../followup/helpers.js';
import { askAndAwaitLink, openReportThread, revisionsOf, startHarness, type DiscordHarness } from './harness.js';

// A follow-up question in a Discord thread answered by a local model: the real discord.js client against
// the fake Discord, the answer streamed by chat/stream.ts from the fake OpenAI-compatible server, exactly
// as Claude's are, and the final edit carrying the cited post's link.

let h: DiscordHarness | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await h?.stop();
  await openai?.close();
  h = undefined;
  openai = undefined;
});

describe('Discord: a question answered by an OpenAI-compatible model', () => {
  it('streams the answer with edits, without raw [n] markers, and ends with the cited post link', async () => {
    openai = await startFakeOpenAI();
    h = await startHarness({ openai });
    const threadId = await openReportThread(h);

    const post = sampleReport().sections.today[0]!;
    openai.enqueue({
      kind: 'message',
      content: 'Here is the gist. The top post is a meme about how fast AI moves [1]. Commenters mostly agree, and several point at the pace of releases this month [1][7]. Others say the hype is overdone.',
      chunkChars: 12,
      chunkDelayMs: 15,
    });
    // Sources are the question's best matches first (BM25): a question naming the post makes it source [1].
    const first = await askAndAwaitLink(h, threadId, 'What is the banger tweet post about?', post.url);

    const answer = h.fake.message(first.id)!;
    expect(answer.history.filter((r) => r.kind === 'edit').length).toBeGreaterThanOrEqual(2);
    expect(answer.content).toContain(`(<${post.url}>)`);
    expect(answer.content).toContain('Others say the hype is overdone.');
    // The drafts never showed the sources' numbers; the final text numbers the links it lists.
    const drafts = answer.history.slice(0, -1).map((r) => String(r.content ?? ''));
    expect(drafts.some((d) => d.includes('pace of releases'))).toBe(true);
    for (const draft of drafts) expect(draft).not.toMatch(/\[\d+\]/);
    for (const revision of revisionsOf(h.fake, [threadId]).filter((r) => r.content)) expect(revision.allowed_mentions).toMatchObject({ parse: [] });
    const binding = await h.store.threads.get(`discord:${h.fake.channelId}:${threadId}`);
    expect(binding!.turns.map((t) => [t.role, t.source])).toEqual([['user', undefined], ['assistant', 'openai']]);
    expect(openai.requests[0]!.stream).toBe(true);
  });
});
