import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/models.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderMarkdownReply } from '../../src/render/markdown.js';
import { renderSlack } from '../../src/render/slack.js';
import { renderTextReply } from '../../src/render/text.js';
import { buildReport } from '../../src/report/build.js';
import { rankWords, standingOf, standingWords } from '../../src/report/standing.js';
import { formatDuration, sourceLine } from '../../src/reply/source-line.js';
import { postList, type Reply } from '../../src/reply/reply.js';
import { makePost, NOW } from '../helpers/posts.js';

// What each renderer says of a post's popularity: Reddit's numbers when the source gave them, its place
// in Reddit's list otherwise, archived numbers labelled; and the source line under a report.

const live = makePost({ id: 'live1', score: 1660, numComments: 260, topRank: { day: 2 } });
const bare = makePost({ id: 'bare1', score: null, numComments: null, topRank: { day: 3, week: 7 } });
const archived = makePost({ id: 'arch1', score: 120, numComments: 8, numbersFrom: 'archive', topRank: { week: 2 } });
const nothing = makePost({ id: 'none1', score: null, numComments: null });

function all(reply: Reply): { discord: string; slack: string; text: string; markdown: string } {
  return {
    discord: renderDiscord(reply).map((m) => m.content).join('\n'),
    slack: renderSlack(reply).flatMap((m) => m.blocks.map((b) => JSON.stringify(b))).join('\n'),
    text: renderTextReply(reply),
    markdown: renderMarkdownReply(reply),
  };
}

describe('a post’s standing', () => {
  it('is its numbers when Reddit gave them, its place when not, archived numbers labelled, nothing when nothing is known', () => {
    expect(standingWords(standingOf(live))).toBe('1,660 points, 260 comments');
    expect(standingWords(standingOf(bare))).toBe("#3 in Reddit's top today");
    expect(standingWords(standingOf(bare, 'week'))).toBe("#7 in Reddit's top this week");
    expect(standingWords(standingOf(archived))).toBe("#2 in Reddit's top this week; 120 points, 8 comments as archived ~36 h after posting");
    expect(standingWords(standingOf(nothing))).toBe('');
    // In a list ranked by Reddit, the place comes first even beside live numbers.
    expect(standingWords(standingOf(live, 'day'))).toBe("#2 in Reddit's top today; 1,660 points, 260 comments");
    expect(rankWords({ list: 'month', position: 1 })).toBe("#1 in Reddit's top this month");
  });

  it('Discord and Slack: ▲/💬 only for numbers that exist; the place otherwise; no dangling separator', () => {
    const { discord, slack } = all({ blocks: [postList([live, bare, archived, nothing])] });
    expect(discord).toContain('· r/LocalLLaMA · ▲1,660 · 💬260');
    expect(discord).toContain("· r/LocalLLaMA · #3 in Reddit's top today\n");
    expect(discord).toContain("· #2 in Reddit's top this week · ▲120 · 💬8 · as archived ~36 h after posting");
    expect(discord).toMatch(/\[Post none1\]\(<https:\/\/www\.reddit\.com\/comments\/none1>\) · r\/LocalLLaMA$/m);
    expect(slack).toContain("#3 in Reddit's top today");
    expect(slack).toContain('▲120 · 💬8 · as archived ~36 h after posting');
    const bareOnly = all({ blocks: [postList([nothing], { showCommunity: false })] });
    expect(bareOnly.discord).toMatch(/\)$/);
  });

  it('the terminal: numbers as before, the place otherwise', () => {
    const { text } = all({ blocks: [postList([live, bare])] });
    expect(text).toContain('r/LocalLLaMA · 1660 points · 260 comments ·');
    expect(text).toContain("r/LocalLLaMA · #3 in Reddit's top today ·");
  });

  it('Markdown: Score and Comments columns only when every post has Reddit’s numbers, else one Rank column', () => {
    expect(all({ blocks: [postList([live])] }).markdown).toMatch(/\| Score \| Comments \|/);
    const mixed = all({ blocks: [postList([live, bare, archived, nothing])] }).markdown;
    expect(mixed).not.toMatch(/Score|Comments \|/);
    expect(mixed).toContain('| 1,660 points, 260 comments |');
    expect(mixed).toContain('| #3 today |');
    expect(mixed).toContain('| #2 this week; 120 points, 8 comments as archived ~36 h after posting |');
    expect(mixed).toContain('| not ranked |');
    // A list Reddit ranked shows its places, and leaves out the Category column the feeds cannot fill.
    const ranked = all({ blocks: [postList([{ ...bare, flair: null }], { rankedBy: 'week' })] }).markdown;
    expect(ranked).toMatch(/^\| # \| Title \| Community \| Rank \| Posted \|$/m);
    expect(ranked).toContain('| #7 this week |');
  });
});

describe('the source line', () => {
  const at = (source: Report['source']) => sourceLine(buildReport([], NOW, [], source));

  it('says the rung, its requests and time, and what is missing', () => {
    expect(at({ mode: 'api', requests: 7, elapsedMs: 3_200, numbersMissing: false })).toBe('Source: Reddit API · 7 requests · 3 s');
    expect(at({ mode: 'feeds', requests: 5, elapsedMs: 252_000, numbersMissing: true })).toBe(
      "Source: Reddit public feeds · 5 requests · 4 min 12 s · no points or comment counts: posts ranked in Reddit's own top order",
    );
    expect(at({ mode: 'feeds', requests: 1, elapsedMs: 60_000, numbersMissing: true, archive: { name: 'Arctic Shift', posts: 12 } })).toBe(
      "Source: Reddit public feeds · 1 request · 1 min · no points or comment counts: posts ranked in Reddit's own top order · numbers of 12 older posts from Arctic Shift, as archived ~36 h after posting",
    );
    expect(at({ mode: 'stale', staleFrom: { date: '2026-02-10', mode: 'api' }, numbersMissing: false })).toBe(
      "Source: stored report of 2026-02-10 (today's could not be collected) · collected from the Reddit API",
    );
    expect(at({ mode: 'sample', numbersMissing: false })).toBe('Source: bundled sample day (2026-02-11), not live');
    expect(at(undefined)).toBe('Source: Reddit API');
  });

  it('formats durations for people', () => {
    expect([400, 3_000, 59_400, 60_000, 252_000, 3_600_000, 3_900_000].map(formatDuration)).toEqual(['0 s', '3 s', '59 s', '1 min', '4 min 12 s', '1 h', '1 h 5 min']);
  });
});
