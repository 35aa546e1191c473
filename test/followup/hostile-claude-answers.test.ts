import { describe, expect, it } from 'vitest';
import type { FollowUpAnswer } from '../../src/followup/index.js';
import { HTML_PAGE } from '../fakes/hostile-http.js';
import { memoryLog } from '../helpers/memory-log.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, bindTo, makeFollowUps } from './helpers.js';

// The same limits for Claude (the fake Messages API through the real SDK): ANTHROPIC_BASE_URL may be a
// proxy or a gateway, and an answer that runs on, streamed or whole, is cut the same way.

const fx = useFollowUpFixture();
const log = memoryLog();

async function bound(limits: { answerDeadlineMs?: number } = {}) {
  const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, limits, log: log.log });
  await followUps.bindThread(bindTo(fx.report.date));
  return followUps;
}

async function streamed(limits: { answerDeadlineMs?: number } = {}): Promise<{ shown: string; answer: FollowUpAnswer; ms: number }> {
  const started = Date.now();
  const { text, done } = (await bound(limits)).answerStream(ask('What is new today?'));
  let shown = '';
  for await (const delta of text) shown += delta;
  return { shown, answer: await done, ms: Date.now() - started };
}

const notes = (answer: FollowUpAnswer) => answer.reply.blocks.flatMap((b) => (b.type === 'note' ? [b.text] : []));
const paragraphsText = (answer: FollowUpAnswer) => answer.reply.blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans.map((s) => s.text) : [])).join('');
const huge = 'Seedance leads the day with a viral clip. '.repeat(25_000);

describe('an answer with no end, from Claude', { timeout: 15_000 }, () => {
  it('a 1 MB streamed answer is cut at the length limit, with a note', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: huge }] });
    const { shown, answer } = await streamed();
    expect(answer.source).toBe('claude');
    expect(shown.length).toBeLessThanOrEqual(3_150);
    expect(paragraphsText(answer).length).toBeLessThanOrEqual(3_300);
    expect(notes(answer)).toEqual(['answer cut: it passed the length limit']);
  });

  it('a 1 MB whole answer (not streamed) is cut the same way', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: huge }] });
    const answer = await (await bound()).answer(ask('What is new?'));
    expect(answer.source).toBe('claude');
    expect(paragraphsText(answer).length).toBeLessThanOrEqual(3_300);
    expect(notes(answer)).toEqual(['answer cut: it passed the length limit']);
  });

  it('text deltas that never end are cut at the deadline, keeping what was said', async () => {
    fx.fake.enqueue({ kind: 'endless', text: 'slow ', intervalMs: 50 });
    const { shown, answer, ms } = await streamed({ answerDeadlineMs: 800 });
    expect(shown).toMatch(/^(slow ?)+$/);
    expect(notes(answer)).toEqual(['answer cut: it took longer than 0.8 s']);
    expect(ms).toBeLessThan(3_000);
  });

  it('a whole answer whose body never ends: the offline answer at the deadline, saying why', async () => {
    fx.fake.enqueue({ kind: 'endless', intervalMs: 20 });
    const started = Date.now();
    const answer = await (await bound({ answerDeadlineMs: 800 })).answer(ask('What is new?'));
    expect(answer.source).toBe('offline');
    expect(notes(answer)[0]).toBe('Claude could not answer just now (no answer within 0.8 s), so this is an offline answer: the posts that best match your question.');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('a 200 from ANTHROPIC_BASE_URL that is not a message', { timeout: 15_000 }, () => {
  it('null, whole: the offline answer, and the log names what came back', async () => {
    fx.fake.enqueue({ kind: 'raw', status: 200, body: 'null' });
    const answer = await (await bound()).answer(ask('What is new?'));
    expect(answer.source).toBe('offline');
    expect(log.text()).toContain('the server at ANTHROPIC_BASE_URL answered with null, not a Messages API response');
  });

  it('an HTML page, streamed: the offline answer, and the log names it', async () => {
    fx.fake.enqueue({ kind: 'raw', status: 200, contentType: 'text/html', body: HTML_PAGE });
    const { answer } = await streamed();
    expect(answer.source).toBe('offline');
    expect(log.text()).toContain('the server at ANTHROPIC_BASE_URL answered with an HTML page, not a stream of Messages API events');
  });
});
