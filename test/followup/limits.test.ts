import { tokensOf } from '../../src/followup/index.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFollowUpFixture } from './fixture.js';
import { ask, makeFollowUps, manualClock, thread, bindTo } from './helpers.js';

// Per-user and per-channel questions per hour, and a daily token budget per workspace. Over a limit:
// a refusal that names the exact time to ask again, and nothing goes to Claude.

const fx = useFollowUpFixture();
beforeEach(() => {
  fx.fake.setDefault({ kind: 'message', content: [{ type: 'text', text: 'ok' }] });
});

const noteText = (answer: { reply: { blocks: Array<{ type: string; text?: string }> } }) => answer.reply.blocks[0]?.text ?? '';

describe('question limits', () => {
  it('per user: the next question is refused until the top of the hour, with the exact time', async () => {
    const clock = manualClock('2026-02-11T08:37:00Z');
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, clock, limits: { userQuestionsPerHour: 2 } });
    await followUps.bindThread(bindTo(fx.report.date));
    expect((await followUps.answer(ask('one'))).source).toBe('claude');
    expect((await followUps.answer(ask('two'))).source).toBe('claude');
    const refused = await followUps.answer(ask('three'));
    expect(refused).toMatchObject({ source: 'refused', usage: null, reply: { private: true } });
    expect(noteText(refused)).toBe('You have asked 2 questions this hour, the most allowed. You can ask again in 23 minutes (at 09:00 UTC).');
    expect(fx.fake.requests).toHaveLength(2);
    // Another user in the same channel is not affected.
    expect((await followUps.answer(ask('mine', { userId: 'U2' }))).source).toBe('claude');
    // The next hour, the first user may ask again.
    clock.set('2026-02-11T09:00:00Z');
    expect((await followUps.answer(ask('four'))).source).toBe('claude');
  });

  it('per channel: many users together hit the channel limit', async () => {
    const clock = manualClock('2026-02-11T10:59:30Z');
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, clock, limits: { channelQuestionsPerHour: 3 } });
    await followUps.bindThread(bindTo(fx.report.date));
    for (const user of ['A', 'B', 'C']) expect((await followUps.answer(ask('q', { userId: user }))).source).toBe('claude');
    const refused = await followUps.answer(ask('q', { userId: 'D' }));
    expect(refused.source).toBe('refused');
    expect(noteText(refused)).toBe('This channel has had 3 questions this hour, the most allowed. You can ask again in 1 minute (at 11:00 UTC).');
    // Another channel of the same server is not affected.
    await followUps.bindThread(bindTo(fx.report.date, { channelId: 'C2', threadId: 'T2' }));
    expect((await followUps.answer(ask('q', { userId: 'D', channelId: 'C2', threadId: 'T2' }))).source).toBe('claude');
    expect(fx.fake.requests).toHaveLength(4);
  });

  it('a limit of one says "1 question", not "1 questions"', async () => {
    const clock = manualClock('2026-02-11T08:37:00Z');
    const perUser = makeFollowUps({ store: fx.store, fake: fx.fake, clock, limits: { userQuestionsPerHour: 1 } });
    await perUser.bindThread(bindTo(fx.report.date));
    await perUser.answer(ask('one'));
    expect(noteText(await perUser.answer(ask('two')))).toBe('You have asked 1 question this hour, the most allowed. You can ask again in 23 minutes (at 09:00 UTC).');
    const perChannel = makeFollowUps({ store: fx.store, fake: fx.fake, clock, limits: { channelQuestionsPerHour: 1 } });
    await perChannel.bindThread(bindTo(fx.report.date, { channelId: 'C9', threadId: 'T9' }));
    await perChannel.answer(ask('one', { channelId: 'C9', threadId: 'T9' }));
    expect(noteText(await perChannel.answer(ask('two', { userId: 'U2', channelId: 'C9', threadId: 'T9' })))).toBe(
      'This channel has had 1 question this hour, the most allowed. You can ask again in 23 minutes (at 09:00 UTC).',
    );
  });

  it('daily token budget per workspace: refused until 00:00 UTC once spent, other workspaces unaffected', async () => {
    const clock = manualClock('2026-02-11T21:15:00Z');
    const budget = 4_600;
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, clock, limits: { dailyTokenBudget: budget } });
    await followUps.bindThread(bindTo(fx.report.date));
    const first = await followUps.answer(ask('one'));
    expect(first.source).toBe('claude');
    const spent = tokensOf(first.usage!);
    expect(spent).toBeGreaterThan(4_000); // the report and its posts, about 4,500 tokens for the fake
    expect(spent).toBeLessThan(budget);
    const second = await followUps.answer(ask('two')); // still under the budget before it
    expect(second.source).toBe('claude');
    // The second answer reads the prefix from cache, which counts at a tenth, and still tips the budget.
    expect(second.usage!.cacheReadInputTokens).toBeGreaterThan(4_000);
    expect(tokensOf(second.usage!)).toBeLessThan(second.usage!.cacheReadInputTokens / 5);
    expect(spent + tokensOf(second.usage!)).toBeGreaterThanOrEqual(budget);
    const refused = await followUps.answer(ask('three'));
    expect(refused.source).toBe('refused');
    expect(noteText(refused)).toBe("This server has used today's budget for answers. You can ask again in 2 hours 45 minutes (at 00:00 UTC on 2026-02-12).");
    expect(fx.fake.requests).toHaveLength(2);

    await followUps.bindThread(bindTo(fx.report.date, { workspaceId: 'G2', threadId: 'T9' }));
    expect((await followUps.answer(ask('elsewhere', { workspaceId: 'G2', threadId: 'T9' }))).source).toBe('claude');

    clock.set('2026-02-12T00:00:00Z');
    expect((await followUps.answer(ask('tomorrow'))).source).toBe('claude');
  });

  it('limits are kept in the store: a new FollowUps on the same store still refuses', async () => {
    const clock = manualClock('2026-02-11T08:05:00Z');
    const a = makeFollowUps({ store: fx.store, clock, limits: { userQuestionsPerHour: 1 } });
    await a.bindThread(bindTo(fx.report.date));
    expect((await a.answer(ask('agents'))).source).toBe('offline');
    const b = makeFollowUps({ store: fx.store, clock, limits: { userQuestionsPerHour: 1 } });
    const refused = await b.answer(ask('agents'));
    expect(noteText(refused)).toMatch(/in 55 minutes \(at 09:00 UTC\)/);
  });

  it('questions arriving together cannot both slip under a limit of one', async () => {
    const clock = manualClock('2026-02-11T08:05:00Z');
    const followUps = makeFollowUps({ store: fx.store, fake: fx.fake, clock, limits: { userQuestionsPerHour: 1 } });
    await followUps.bindThread(bindTo(fx.report.date));
    const answers = await Promise.all([followUps.answer(ask('a')), followUps.answer(ask('b')), followUps.answer(ask('c'))]);
    expect(answers.map((a) => a.source).sort()).toEqual(['claude', 'refused', 'refused']);
  });
});
