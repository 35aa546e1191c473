import type { Post, Report, ReportSource } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import { byPoints, type TopList } from '../../src/report/rank-basis.js';
import { isWithin, windows } from '../../src/report/windows.js';
import { loadSample } from '../../src/sample/sample.js';

// The bundled sample day as the public feeds would give it: the same posts, but no points, no comment
// count and no flair (the Atom feeds carry none), each with its place in Reddit's top lists of the day,
// the week and the month. Reddit orders those lists by its own score, so the places are taken from the
// sample's scores before they are dropped; like a feed, each list holds at most 100 posts.

const FEED_LIMIT = 100;

/** The collected source of a feeds report, as the feeds client reports it. */
export const feedsSource: ReportSource = { mode: 'feeds', requests: 5, elapsedMs: 252_000, numbersMissing: true };

/** `posts` stripped of their numbers and flair, with `topRank` from their order by score in each window at `now`. */
export function asFeedPosts(posts: readonly Post[], now: Date): Post[] {
  const places = new Map<string, Post['topRank']>();
  const spans: Record<TopList, number> = { day: windows.today, week: windows.week, month: windows.month };
  for (const list of Object.keys(spans) as TopList[]) {
    const ranked = posts.filter((p) => isWithin(p.createdAt, now, spans[list])).sort(byPoints).slice(0, FEED_LIMIT);
    ranked.forEach((post, i) => places.set(post.id, { ...places.get(post.id), [list]: i + 1 }));
  }
  return posts.map(({ selftext: _selftext, topComments: _comments, ...post }) => {
    const topRank = places.get(post.id);
    return { ...post, score: null, numComments: null, flair: null, ...(topRank ? { topRank } : {}) };
  });
}

/** The sample's posts as feed posts, at the sample's `now`. */
export function feedsSample(): { now: Date; posts: Post[] } {
  const { now, posts } = loadSample();
  return { now, posts: asFeedPosts(posts, now) };
}

/** The sample day's report built from the feeds: Reddit's order, no numbers, the feeds source. */
export function feedsReport(source: ReportSource = feedsSource): Report {
  const { now, posts } = feedsSample();
  return buildReport(posts, now, [], source);
}
