import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/followup/bm25.js';
import { untilText } from '../../src/followup/limits.js';
import { postIdFromUrl, splitLinks, stripUnknownLinks } from '../../src/text/links.js';
import { CleanDeltas } from '../../src/followup/stream-text.js';
import { discordMessage } from '../../src/render/discord.js';
import { slackDraft } from '../../src/render/slack.js';
import { assertSafeOutput, controlOrBidi } from '../helpers/hostile.js';
import { pastScope } from '../../src/followup/time-scope.js';
import { tokenize } from '../../src/followup/tokenize.js';

describe('tokenize', () => {
  it('lower-cases, folds accents and plurals, drops stop words', () => {
    expect(tokenize('What are the best Agents for RAG? Café déjà-vu, 8B models')).toEqual(['best', 'agent', 'rag', 'cafe', 'deja', 'vu', '8b', 'model']);
  });
});

describe('Bm25Index', () => {
  const index = new Bm25Index([
    { id: 'a', fields: [{ text: 'Qwen coder release', weight: 3 }] },
    { id: 'b', fields: [{ text: 'A long discussion about everything and qwen once', weight: 1 }] },
    { id: 'c', fields: [{ text: 'Vector databases compared', weight: 3 }, { text: 'pgvector wins for small teams', weight: 1 }] },
  ]);
  it('ranks by weighted term frequency and rarity, and says which terms matched', () => {
    expect(index.search('qwen').map((h) => h.id)).toEqual(['a', 'b']);
    expect(index.search('pgvector database')[0]).toMatchObject({ id: 'c', matched: expect.arrayContaining(['pgvector', 'database']) });
    expect(index.search('nothing here')).toEqual([]);
    expect(index.search('qwen', 1)).toHaveLength(1);
  });
});

describe('pastScope', () => {
  const d = '2026-02-11'; // a Wednesday
  it.each([
    ['what is new?', null],
    ['what happened yesterday?', ['2026-02-10']],
    ['and the day before yesterday', ['2026-02-09']],
    ['3 days ago', ['2026-02-08']],
    ['over the last 3 days', ['2026-02-10', '2026-02-09', '2026-02-08']],
    ['this week', ['2026-02-10', '2026-02-09', '2026-02-08', '2026-02-07', '2026-02-06', '2026-02-05']],
    ['what about on 2026-02-03?', ['2026-02-03']],
    ['on Feb 3rd', ['2026-02-03']],
    ['is that more than lately', ['2026-02-10', '2026-02-09', '2026-02-08', '2026-02-07', '2026-02-06', '2026-02-05', '2026-02-04']],
    ['I may ask later', null],
  ])('%j', (question, dates) => {
    const scope = pastScope(question, d);
    expect(scope?.dates ?? null).toEqual(dates);
  });
  it('reads months against the report date (a later month name means last year)', () => {
    expect(pastScope('what happened in January?', d)).toMatchObject({ label: 'January 2026', dates: expect.arrayContaining(['2026-01-31', '2026-01-01']) });
    expect(pastScope('in December', d)?.dates[0]).toBe('2025-12-31');
    expect(pastScope('this month', d)?.dates).toEqual(['2026-02-10', '2026-02-09', '2026-02-08', '2026-02-07', '2026-02-06', '2026-02-05', '2026-02-04', '2026-02-03', '2026-02-02', '2026-02-01']);
    expect(pastScope('last month', d)?.dates).toHaveLength(31);
    expect(pastScope('last week', d)?.dates.at(-1)).toBe('2026-02-02'); // from the Monday of the week before
    expect(pastScope('this month', '2026-02-01')).toBeNull(); // nothing earlier in the month
  });
});

describe('links', () => {
  it('knows Reddit post URLs in their spellings', () => {
    expect(postIdFromUrl('https://www.reddit.com/r/LocalLLaMA/comments/1r1abc/slug/')).toBe('1r1abc');
    expect(postIdFromUrl('https://old.reddit.com/comments/1r1abc')).toBe('1r1abc');
    expect(postIdFromUrl('https://redd.it/1r1abc')).toBe('1r1abc');
    expect(postIdFromUrl('https://reddit.com.evil.io/comments/1r1abc')).toBeUndefined();
    expect(postIdFromUrl('https://evil.io/reddit.com/comments/1r1abc')).toBeUndefined();
  });
  it('splits out every kind of link, leaving sentence punctuation as text', () => {
    expect(splitLinks('see <https://a.io/x|here>, [b](https://b.io) or https://c.io/y.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', url: 'https://a.io/x', label: 'here' },
      { kind: 'text', text: ', ' },
      { kind: 'link', url: 'https://b.io', label: 'b' },
      { kind: 'text', text: ' or ' },
      { kind: 'link', url: 'https://c.io/y' },
      { kind: 'text', text: '.' },
    ]);
  });
  it('strips unknown links from plain text and keeps known ones', () => {
    expect(stripUnknownLinks('go to https://x.io now or https://redd.it/abc1.', (id) => id === 'abc1')).toBe('go to now or https://redd.it/abc1.');
  });
});

describe('CleanDeltas', () => {
  it('holds a word until it is complete, so a ping split across deltas is caught', () => {
    const clean = new CleanDeltas(() => false);
    const out = ['Hi @ev', 'ery', 'one and <@', '&12', '3> ok'].map((d) => clean.push(d)).join('') + clean.end();
    expect(out).toBe('Hi @\u200deveryone and @&123 ok');
  });
  it('lets long runs without spaces flow', () => {
    const clean = new CleanDeltas(() => false);
    expect(clean.push('字'.repeat(250)).length).toBe(250);
  });

  // A draft is shown while the answer streams: it must be as clean as the final reply, though it keeps
  // its lines (an answer is several paragraphs).
  const hostileDeltas = ['Title \u001b]0;pwned\u0007 and \u001b[2J', ' then \u202eevil\u202c \u2066iso\u2069 \u200emark\u200f', '\nC1 \u0085\u009b31m here\r\n', 'next line\u000b\u000c end'];

  it('strips controls, bidi overrides and isolates from what it shows, keeping line breaks', () => {
    const clean = new CleanDeltas(() => false);
    const shown = hostileDeltas.map((d) => clean.push(d)).join('') + clean.end();
    expect(shown).not.toMatch(controlOrBidi);
    expect(shown).toBe('Title ]0;pwned and [2J then evil iso mark\nC1 31m here\nnext line end');
  });

  it('strips a control before it can join a ping or a link together', () => {
    const clean = new CleanDeltas(() => false);
    const shown = clean.push('@every\u0007one ht\u200etps://evil.example/x ok ') + clean.end();
    expect(shown).toBe('@\u200deveryone ok ');
  });

  it('hands the Slack and Discord drafts nothing that pings, links away or controls a terminal', () => {
    const clean = new CleanDeltas(() => false);
    let draft = '';
    for (const delta of [...hostileDeltas, ' @here https://evil.example <@&1> ']) {
      draft += clean.push(delta);
      assertSafeOutput(JSON.stringify(slackDraft(draft)).replace(/\\n/g, ' '));
      assertSafeOutput(discordMessage(draft).content);
    }
    draft += clean.end();
    expect(slackDraft(draft).blocks[0]).toMatchObject({ type: 'section' });
    expect(discordMessage(draft).content).toContain('\nnext line');
  });
});

describe('untilText', () => {
  const now = new Date('2026-02-11T08:37:00Z');
  it.each([
    ['2026-02-11T09:00:00Z', 'in 23 minutes (at 09:00 UTC)'],
    ['2026-02-11T08:37:20Z', 'in 1 minute (at 08:37 UTC)'],
    ['2026-02-11T10:37:00Z', 'in 2 hours (at 10:37 UTC)'],
    ['2026-02-12T00:00:00Z', 'in 15 hours 23 minutes (at 00:00 UTC on 2026-02-12)'],
  ])('%s', (at, text) => expect(untilText(now, new Date(at))).toBe(text));
});
