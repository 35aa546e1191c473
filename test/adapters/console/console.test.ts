import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadAnswerer } from '../../../adapters/console/answerer.js';
import { runConsole, type ConsoleOptions } from '../../../adapters/console/console.js';
import { FollowUps, type FollowUpQuestion } from '../../../src/followup/index.js';
import type { BindThread } from '../../../src/followup/threads.js';
import { note, paragraph } from '../../../src/reply/reply.js';
import { openHarness, SAMPLE_NOW, type Harness } from '../../commands/helpers.js';

// The terminal adapter driven through its streams, on the bundled sample and a real SQLite store.

class FakeAnswerer implements ThreadAnswerer {
  bound: BindThread[] = [];
  questions: FollowUpQuestion[] = [];
  readonly bindReportThread = async (target: BindThread['target'], reportDate: string) => void this.bound.push({ target, reportDate });
  async answer(question: FollowUpQuestion) {
    this.questions.push(question);
    const thread = this.bound.find((b) => b.target.threadId === question.target.threadId);
    return { reply: { blocks: [paragraph(`Answer about ${thread?.reportDate}: `, { text: 'a post', url: 'https://www.reddit.com/comments/1r1lmcy' })] } };
  }
}

const terminal = { platform: 'console' as const, workspaceId: 'local', channelId: 'terminal' };

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

function start(lines: string[], options: Partial<ConsoleOptions> & { end?: boolean } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const done = runConsole({ input, output, interactive: true, clock: () => SAMPLE_NOW, services: { reports: h.reports, store: h.store }, sessionId: 's1', ...options });
  for (const line of lines) input.write(`${line}\n`);
  if (options.end) input.end();
  return { done, output: () => written };
}

describe('terminal adapter, interactive', () => {
  it('shows the morning post, runs commands, and leaves on /quit', async () => {
    const answerer = new FakeAnswerer();
    const session = start(['/trends week', '/subscribe 07:30 Europe/Berlin', '/quit', '/help'], { answerer });
    expect(await session.done).toBe(0);
    const out = session.output();
    const morning = out.indexOf("Today's top 5");
    const week = out.indexOf('Weekly Popular Posts');
    // The terminal cannot receive a morning post: /subscribe says where they go instead of storing one.
    // Lines are wrapped at the terminal's width: compared with single spaces.
    const flat = out.replace(/\s+/g, ' ');
    const refused = flat.indexOf('Error: Morning posts go to a Discord or Slack channel: this terminal cannot receive them.');
    expect(morning).toBeGreaterThan(0);
    expect(week).toBeGreaterThan(morning);
    expect(refused).toBeGreaterThan(flat.indexOf('Weekly Popular Posts'));
    expect(flat).toMatch(/run \/trends-subscribe \(Discord\) or \/trends subscribe \(Slack\) in a channel/);
    expect(out).not.toMatch(/Morning post for this channel/);
    // The summary points at no thread: the prompt is how to ask here.
    expect(out).toMatch(/Note: Type \/help for commands/);
    expect(out).toMatch(/^> /m);
    // Nothing after /quit runs.
    expect(out).not.toMatch(/^Commands$/m);
    expect(out).not.toMatch(/thread/i);
    expect(await h.store.subscriptions.list()).toEqual([]);
    // The morning post and /trends week each opened a thread on the report.
    expect(answerer.bound).toEqual([
      { target: { ...terminal, threadId: 's1-1' }, reportDate: '2026-02-11' },
      { target: { ...terminal, threadId: 's1-2' }, reportDate: '2026-02-11' },
    ]);
  });

  it('/trends week shows the week\'s chart as sparklines within 80 columns, under the title', async () => {
    const session = start(['/trends week', '/quit'], {});
    expect(await session.done).toBe(0);
    const out = session.output();
    const chart = out.indexOf('Topic momentum, last 7 days (points per day)');
    expect(chart).toBeGreaterThan(out.indexOf('Reddit AI Trend Report - 2026-02-11', out.indexOf("Today's top 5")));
    expect(chart).toBeLessThan(out.indexOf('Weekly Popular Posts'));
    const lines = out.slice(chart).split('\n').slice(0, 9);
    // No earlier day is stored: no topic is marked rising (movement.ts needs a real base).
    expect(lines.find((l) => l.startsWith('Seedance'))).toMatch(/^Seedance +[·▁▂▃▄▅▆▇█ ]{13}  5,773 this week, 3,637 today$/);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(out).toMatch(/Note: No earlier day is stored yet/);
  });

  it('sends any other line to the current thread, which /trends with a date moves to that report', async () => {
    await h.reports.get({ now: new Date('2026-02-10T08:00:00Z') });
    const answerer = new FakeAnswerer();
    const session = start(['what is trending?', '', '   ', '/trends 2026-02-10', 'and that day?'], { answerer, end: true });
    expect(await session.done).toBe(0);
    expect(answerer.questions).toEqual([
      { target: { ...terminal, threadId: 's1-1' }, userId: 'you', text: 'what is trending?' },
      { target: { ...terminal, threadId: 's1-2' }, userId: 'you', text: 'and that day?' },
    ]);
    const out = session.output();
    expect(out).toMatch(/Answer about 2026-02-11: a post <https:\/\/www\.reddit\.com\/comments\/1r1lmcy>/);
    expect(out).toMatch(/Answer about 2026-02-10/);
  });

  it('a command that fails keeps the current thread', async () => {
    const answerer = new FakeAnswerer();
    const session = start(['/trends weak', 'still here?'], { answerer, end: true });
    await session.done;
    expect(session.output()).toMatch(/Error: "weak" is neither a section nor a community.*Did you mean "week"\?/s);
    expect(answerer.questions.map((q) => q.target.threadId)).toEqual(['s1-1']);
  });

  it('says so when no answerer is wired, and when the answerer fails', async () => {
    const without = start(['a question'], { end: true });
    await without.done;
    expect(without.output()).toMatch(/Note: Follow-up answers are not available/);

    const failing: ThreadAnswerer = { bindReportThread: async () => undefined, answer: () => Promise.reject(new Error('store closed')) };
    const broken = start(['a question', '/trends today'], { answerer: failing, end: true });
    expect(await broken.done).toBe(0);
    expect(broken.output()).toMatch(/Error: Could not answer: store closed/);
    expect(broken.output()).toMatch(/Today's Trending Posts/);
  });

  it('an answer reply is rendered like any other (notes included)', async () => {
    const answerer: ThreadAnswerer = { bindReportThread: async () => undefined, answer: async () => ({ reply: { blocks: [note('You can ask again at 09:00 UTC.', 'warning')] } }) };
    const session = start(['why?'], { answerer, end: true });
    await session.done;
    expect(session.output()).toMatch(/Warning: You can ask again at 09:00 UTC\./);
  });
});

describe('terminal adapter with the real follow-up service (offline, no Claude key)', () => {
  it('answers a question in the thread of the morning post, then in the thread /trends opened', async () => {
    const limits = { userQuestionsPerHour: 10, channelQuestionsPerHour: 40, dailyTokenBudget: 500_000, maxAnswerTokens: 700, answerDeadlineMs: 120_000 };
    const answerer = new FollowUps({ store: h.store, limits, clock: () => new Date('2026-02-11T09:00:00Z') });
    const session = start(['what is new with Seedance?', '/trends week', 'and Ollama?'], { answerer, end: true });
    expect(await session.done).toBe(0);
    const out = session.output();
    expect(out).toMatch(/Seedance[^\n]*\n?<https:\/\/www\.reddit\.com\/comments\/1r\w+>/);
    expect((await answerer.threadOf({ ...terminal, threadId: 's1-1' }))?.turns.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect((await answerer.threadOf({ ...terminal, threadId: 's1-2' }))?.turns[0]).toMatchObject({ role: 'user', text: 'and Ollama?', userId: 'you' });
  });
});

describe('terminal adapter, /help', () => {
  it('says to type a question at the prompt, not in a thread', async () => {
    const session = start(['/help', '/quit'], { answerer: new FakeAnswerer() });
    expect(await session.done).toBe(0);
    expect(session.output().replace(/\s+/g, ' ')).toMatch(/Type a question at the prompt to get an answer grounded in the report's posts\./);
    expect(session.output()).not.toMatch(/thread/i);
  });
});

describe('terminal adapter, not a terminal (script, CI)', () => {
  it('prints the morning post and returns 0 without reading its input', async () => {
    const answerer = new FakeAnswerer();
    const session = start(['/subscribe 07:30 Europe/Berlin', 'a question'], { answerer, interactive: false });
    expect(await session.done).toBe(0);
    const out = session.output();
    expect(out).toMatch(/^Reddit AI Trend Report - 2026-02-11\n={35}\n\nToday's top 5\n/);
    expect(out).not.toMatch(/> |Type \/help/);
    expect(answerer.questions).toEqual([]);
    expect(await h.store.subscriptions.list()).toEqual([]);
  });

  it('returns 1 when the morning post cannot be built', async () => {
    const session = start([], { interactive: false, services: { store: h.store, reports: { get: () => Promise.reject(new Error('Reddit is down')) } } });
    expect(await session.done).toBe(1);
    expect(session.output()).toMatch(/Error: \/trends could not finish: Reddit is down/);
  });
});
