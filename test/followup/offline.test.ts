import { describe, expect, it } from 'vitest';
import { compareWithHistory } from '../../src/analysis/compare.js';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import { reportSources, type AnswerContext } from '../../src/followup/context.js';
import { offlineAnswer } from '../../src/followup/offline.js';
import { tokenize } from '../../src/followup/tokenize.js';
import type { Report, PostDetails } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { loadSyntheticDay } from '../../src/sample/synthetic-day.js';
import type { ReplyBlock } from '../../src/reply/reply.js';
import { makePost } from '../helpers/posts.js';
import { useFollowUpFixture } from './fixture.js';
import { ask, makeFollowUps, thread, bindTo, sampleReport } from './helpers.js';

// Without Claude, or when Claude fails (overloaded, a broken body, a stream that dies): the offline
// answer lists the best-matching posts with links and a reason, never an error dump.

const fx = useFollowUpFixture();

const flat = (blocks: ReplyBlock[]) =>
  blocks.map((b) => (b.type === 'paragraph' ? b.spans.map((s) => s.text).join('') : b.type === 'note' ? `[note] ${b.text}` : b.type)).join('\n');

function postsIn(blocks: ReplyBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? b.spans.filter((s) => s.url).map((s) => s.url!) : []));
}

describe('offline answers', () => {
  it('with no Claude configured: the most relevant posts, linked, each with a reason', async () => {
    const followUps = makeFollowUps({ store: fx.store });
    await followUps.bindThread(bindTo(fx.report.date));
    const target = fx.report.sections.today.find((p) => /qwen|gpt|claude|model/i.test(p.title)) ?? fx.report.sections.today[1]!;
    const word = /qwen|gpt|claude|model/i.exec(target.title)?.[0] ?? target.title.split(' ')[0]!;
    const answer = await followUps.answer(ask(`what about ${word}?`));
    expect(answer.source).toBe('offline');
    expect(answer.usage).toBeNull();
    const text = flat(answer.reply.blocks);
    // One line that answers first (the best post, linked), then the matching posts when there are several.
    expect(text).toMatch(/^(Best match|One post) in the 2026-02-11 report(: | matches: ).+ \(r\/\w+, [\d,]+ points, [\d,]+ comments\): the title matches “/);
    expect(text).not.toMatch(/offline answer/i); // nothing failed, nothing to apologise for
    if (postsIn(answer.reply.blocks).length > 1) expect(text).toMatch(/\n1\. .+ \(r\/\w+, [\d,]+ points, [\d,]+ comments\): the title matches “/);
    expect(postsIn(answer.reply.blocks)).toContain(target.url);
    expect(postsIn(answer.reply.blocks).length).toBeLessThanOrEqual(5);
  });

  it('says so when nothing matches, and shows the top of the day instead', async () => {
    const followUps = makeFollowUps({ store: fx.store });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('zzyzx quokka'));
    expect(flat(answer.reply.blocks)).toMatch(/^No post in the 2026-02-11 report matches those words\. The top posts of the day:/);
    expect(postsIn(answer.reply.blocks)).toEqual(fx.report.sections.today.slice(0, 3).map((p) => p.url));
  });

  const failures: Array<[string, () => void]> = [
    ['529 overloaded', () => fx.fake.enqueue({ kind: 'status', status: 529 })],
    ['a truncated JSON body (the SDK throws a bare SyntaxError)', () => fx.fake.enqueue({ kind: 'raw', status: 200, body: '{"id":"msg_1","type":"message","content":[{"type":"te' })],
    ['a 500 with an HTML body', () => fx.fake.enqueue({ kind: 'status', status: 500, body: '<html>oops</html>' })],
    ['a 401', () => fx.fake.enqueue({ kind: 'status', status: 401 })],
  ];
  it.each(failures)('when Claude fails with %s: an offline answer that says so briefly', async (_name, script) => {
    script();
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, maxRetries: 0 });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('open source models'));
    expect(answer.source).toBe('offline');
    expect(answer.usage).toBeNull();
    expect(answer.reply.blocks[0]).toEqual({ type: 'note', tone: 'info', text: 'Claude could not answer just now, so this is an offline answer: the posts that best match your question.' });
    const all = JSON.stringify(answer.reply);
    expect(all).not.toMatch(/529|SyntaxError|Overloaded|JSON|oops|error/i);
    expect(fx.fake.requests).toHaveLength(1);
  });

  it('retries 529 within the configured retries, then answers offline', async () => {
    fx.fake.enqueue({ kind: 'status', status: 529, retryAfterSeconds: 0 }, { kind: 'status', status: 529, retryAfterSeconds: 0 });
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, maxRetries: 1 });
    await followUps.bindThread(bindTo(fx.report.date));
    const answer = await followUps.answer(ask('agents'));
    expect(fx.fake.requests).toHaveLength(2);
    expect(answer.source).toBe('offline');
  });

  it('when a stream dies mid-answer: the deltas stop and done is the offline answer', async () => {
    fx.fake.enqueue({ kind: 'message', content: [{ type: 'text', text: 'A partial answer that will not finish because the stream breaks.' }], streamErrorAfter: 1 });
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake });
    await followUps.bindThread(bindTo(fx.report.date));
    const { text, done } = followUps.answerStream(ask('agents'));
    const deltas: string[] = [];
    for await (const delta of text) deltas.push(delta);
    const answer = await done;
    expect(deltas.join('').length).toBeLessThan(30);
    expect(answer.source).toBe('offline');
    expect(answer.reply.blocks[0]).toMatchObject({ type: 'note', text: expect.stringMatching(/offline answer/) });
  });

  it('neutralises pings in post titles it lists', async () => {
    const loud = makePost({ id: 'loud01', title: '@everyone <@&123> <@!42> <!channel> free GPUs for @here' });
    const withLoud: Report = { ...fx.report, date: '2026-02-12', sections: { ...fx.report.sections, today: [loud, ...fx.report.sections.today] } };
    await fx.store.reports.set(withLoud.date, withLoud);
    const followUps = makeFollowUps({ store: fx.store });
    await followUps.bindThread(bindTo(withLoud.date, { threadId: 'T-loud' }));
    const answer = await followUps.answer(ask('free GPUs', { threadId: 'T-loud' }));
    const all = JSON.stringify(answer.reply);
    expect(postsIn(answer.reply.blocks)[0]).toBe(loud.url);
    expect(all).not.toMatch(/@everyone|@here|<@&123>|<@!42>|<!channel>/);
    expect(flat(answer.reply.blocks)).toContain('@\u200deveryone @&123 @!42 !channel free GPUs for @\u200dhere');
  });
});

describe('offlineAnswer: what it matches and how it opens', () => {
  const synthetic = loadSyntheticDay();
  const syntheticReport = buildReport(synthetic.posts, synthetic.now);
  const withDetails = (report: Report, details: Record<string, PostDetails> = {}): AnswerContext => ({
    report,
    sources: reportSources(report).map((s) => ({ ...s, details: details[s.post.id] })),
    past: null,
    focus: [],
  });
  const answer = (question: string, context: AnswerContext) => offlineAnswer(question, context, 'no-claude').reply.blocks;

  it('ignores bare one- and two-digit numbers: "2.0" alone matches nothing', () => {
    expect(tokenize('Seedance 2.0 on an RTX 4090 with 80B and qwen3')).toEqual(['seedance', 'rtx', '4090', '80b', 'qwen3']);
    const report = sampleReport();
    expect(flat(answer('what is 2.0?', withDetails(report)))).toMatch(/^No post in the 2026-02-11 report matches those words/);
  });

  it("does not match the offline analyst's own sentences, only the posts", () => {
    const report = sampleReport();
    const sections = analyzeOffline({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' });
    const analysed: Report = { ...report, analysis: { sections, citations: {}, model: null, usage: null, source: 'offline', language: 'en', hasHistory: false } };
    // "comments", "points" and "leaders" are words of our templates, in no title of the sample.
    expect(flat(answer('leaders with points and comments', withDetails(analysed)))).toMatch(/^No post in the 2026-02-11 report matches those words/);
    const xai = report.sections.today.find((p) => /xAI/.test(p.title))!;
    expect(postsIn(answer('xAI resignations in the community', withDetails(analysed)))).toEqual([xai.url]);
  });

  it('leaves out posts that match far worse than the best one', () => {
    const blocks = answer('Does Marlin 3.1 fit in 24 GB of VRAM?', withDetails(syntheticReport, synthetic.details));
    const links = [...new Set(postsIn(blocks))];
    expect(links.length).toBeGreaterThan(1);
    expect(links.length).toBeLessThan(5);
    const titles = links.map((url) => syntheticReport.sections.week.concat(syntheticReport.sections.month, syntheticReport.sections.today).find((p) => p.url === url)!.title);
    for (const title of titles) expect(title).toMatch(/Marlin/);
  });

  it('opens with one line that answers from the best post, quoted, then lists the posts', () => {
    const blocks = answer('what guardrails stop an agent looping on a failed test?', withDetails(syntheticReport, synthetic.details));
    const text = flat(blocks);
    expect(text.split('\n')[0]).toBe(
      'One post in the 2026-03-04 report matches: Our agent spent $380 in API calls looping on one failed test: what guardrails do you use? (r/AI_Agents, 260 points, 140 comments): the post says: “The agent kept retrying a flaky test for 6 hours overnight.”',
    );
    const many = flat(answer('Tessera 2 video', withDetails(syntheticReport, synthetic.details))).split('\n');
    expect(many[0]).toMatch(/^Best match in the 2026-03-04 report: .*Tessera 2/);
    expect(many[1]).toMatch(/^The \d posts that best match your question:$/);
    expect(many[2]).toMatch(/^1\. /);
  });
});
