import { describe, expect, it } from 'vitest';
import { compareWithHistory } from '../../src/analysis/compare.js';
import type { HistoryDay } from '../../src/analysis/history.js';
import { analyzeOffline } from '../../src/analysis/offline/analyst.js';
import type { AnalysisSections } from '../../src/models/analysis.js';
import type { Post, PostDetails } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { inventedFigure } from '../helpers/arbitrary-feeds.js';
import { feedsReport, feedsSource } from '../helpers/feeds-day.js';
import { HOUR, makePost, NOW } from '../helpers/posts.js';

// The offline analyst on a day from the public feeds: it writes no figure it does not have, and says a
// post's standing by its place in Reddit's lists instead.

function sentencesOf(sections: AnalysisSections): string[] {
  return [
    ...sections.highlights.flatMap((t) => [t.theme, ...t.items.flatMap((i) => [i.name, i.summary, i.whyItMatters])]),
    ...[...sections.weekly.persistent, ...sections.weekly.emerging, ...sections.weekly.fading, ...sections.monthly].map((c) => c.text),
    ...(sections.deepDive ? [sections.deepDive.title, ...sections.deepDive.body.map((c) => c.text)] : []),
    ...sections.communityHighlights.communities.flatMap((c) => c.focus.map((f) => f.text)),
    ...[...sections.communityHighlights.crossCutting, ...sections.communityHighlights.niche].map((c) => c.text),
  ];
}

describe('the offline analyst without numbers', () => {
  const report = feedsReport();
  const dive = report.sections.today.find((p) => /MoE/.test(p.title))!;
  const details: Record<string, PostDetails> = {
    [dive.id]: { id: dive.id, selftext: 'We rewrote the kernels. It trains 12x faster.', topComments: [{ author: 'a', body: 'Tried it on a 4090, works.', score: null }], fetchedAt: NOW.toISOString() },
  };
  const sections = analyzeOffline({ report, details, comparison: compareWithHistory(report, []), language: 'en' });
  const all = sentencesOf(sections);

  it('writes no points or comments figure, and places instead', () => {
    for (const sentence of all) expect(sentence).not.toMatch(inventedFigure);
    expect(all.join('\n')).toMatch(/at #\d+ in Reddit's top today/);
    expect(all.join('\n')).toMatch(/#\d+ in Reddit's top this week/);
    expect(all.join('\n')).toMatch(/#\d+ in Reddit's top this month/);
  });

  it('quotes a comment without claiming its points', () => {
    expect(sections.deepDive?.postId).toBe(dive.id);
    expect(sections.deepDive!.body.map((c) => c.text)).toContain('The top comment: "Tried it on a 4090, works."');
  });

  it('says only the title was read of a post whose body was not fetched', () => {
    const bare = analyzeOffline({ report, details: {}, comparison: compareWithHistory(report, []), language: 'en' });
    expect(bare.deepDive!.body.map((c) => c.text)).toContain('Its body and comments were not fetched for this report: only the title was read.');
  });
});

describe('movers', () => {
  const day = (date: string, posts: Post[]): HistoryDay => ({ date, snapshot: { date, takenAt: `${date}T08:00:00Z`, posts } });
  const grown = makePost({ id: 'mv1', title: 'Gemma release', score: 900, numComments: 90, createdAt: new Date(NOW.getTime() - 30 * HOUR).toISOString() });

  it('need Reddit’s own numbers on both days: a day from the feeds or an archive’s count makes none', () => {
    const api = buildReport([grown], NOW, [], { mode: 'api', numbersMissing: false });
    expect(compareWithHistory(api, [day('2026-02-10', [{ ...grown, score: 100, numComments: 10 }])]).movers).toHaveLength(1);
    expect(compareWithHistory(api, [day('2026-02-10', [{ ...grown, score: null, numComments: null }])]).movers).toEqual([]);
    expect(compareWithHistory(api, [day('2026-02-10', [{ ...grown, score: 100, numComments: 10, numbersFrom: 'archive' }])]).movers).toEqual([]);
    const feeds = buildReport([{ ...grown, score: null, numComments: null, topRank: { week: 1 } }], NOW, [], feedsSource);
    expect(compareWithHistory(feeds, [day('2026-02-10', [{ ...grown, score: 100, numComments: 10 }])]).movers).toEqual([]);
  });
});
