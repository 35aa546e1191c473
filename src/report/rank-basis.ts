import type { Post, ReportSections, ReportSource } from '../models.js';
import type { TopRank } from '../models/top-rank.js';

// What a report's lists are ordered by, decided once per report and never per post: a list that put a
// post ranked by its points beside one ranked by Reddit's order would compare two different units.
//   points         every post carries Reddit's own points and comment count (the OAuth API, the sample);
//   reddit-order   the numbers are missing (the public feeds): Reddit's own top lists give the order.
// A post whose numbers a third-party archive filled in later (numbersFrom: 'archive') keeps the report's
// basis: in a feeds report it still ranks by its place in Reddit's list.

export type RankBasis = 'points' | 'reddit-order';

/** Reddit's top lists that a post can hold a place in. */
export type TopList = 'day' | 'week' | 'month';

/**
 * A place a post can be said to hold: one of Reddit's top lists, or its own community's top list of the
 * day (a community the day list of all communities left out, read on its own by the feeds).
 */
export type Place = TopList | 'dayInCommunity';

export const topLists: readonly TopList[] = ['day', 'week', 'month'];

/** The basis of a snapshot: the source says when the numbers are missing; a post without them says so too. */
export function snapshotBasis(posts: readonly Post[], source?: Pick<ReportSource, 'numbersMissing'>): RankBasis {
  if (source?.numbersMissing) return 'reddit-order';
  return posts.some((p) => p.score === null || p.numComments === null) ? 'reddit-order' : 'points';
}

/** The basis of a built report (reports stored before sources had a ladder carry no `source`: their posts decide). */
export function reportBasis(report: { sections: ReportSections; source?: Pick<ReportSource, 'numbersMissing'> }): RankBasis {
  const { today, week, month, communities } = report.sections;
  return snapshotBasis([...today, ...week, ...month, ...communities.flatMap((c) => c.posts)], report.source);
}

/** Points and comments as Reddit gave them when the post was collected (not archived later, not missing). */
export function hasLiveNumbers<T extends Pick<Post, 'score' | 'numComments' | 'numbersFrom'>>(post: T): post is T & { score: number; numComments: number } {
  return post.score !== null && post.numComments !== null && post.numbersFrom === undefined;
}

/** Points and comments known, from Reddit or an archive: what a sentence about them needs. */
export function hasNumbers(post: Post): post is Post & { score: number; numComments: number } {
  return post.score !== null && post.numComments !== null;
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lower first; a missing value after every known one. */
function ascendingKnown(a: number | null | undefined, b: number | null | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return a - b;
}

/**
 * Points desc, then comments desc, then id asc: a total order, so reports are reproducible. A post
 * without numbers sorts after every post with them (it never counts as 0 points).
 */
export function byPoints(a: Post, b: Post): number {
  return ascendingKnown(negated(a.score), negated(b.score)) || ascendingKnown(negated(a.numComments), negated(b.numComments)) || compareText(a.id, b.id);
}

function negated(value: number | null): number | null {
  return value === null ? null : -value;
}

/**
 * A community's posts of the day: their places in the day list of all communities, then (a community
 * that list left out) their places in the community's own list, then id.
 */
export function byCommunityPlace(a: Post, b: Post): number {
  return ascendingKnown(a.topRank?.day, b.topRank?.day) || ascendingKnown(a.topRank?.dayInCommunity, b.topRank?.dayInCommunity) || compareText(a.id, b.id);
}

/** Reddit's order in one top list: its place there ascending, posts not in the list after, then id. */
export function byTopRank(list: TopList): (a: Post, b: Post) => number {
  return (a, b) => ascendingKnown(a.topRank?.[list], b.topRank?.[list]) || compareText(a.id, b.id);
}

/**
 * Reddit's order between posts of several lists (the day's posts and the week's, say): compared in the
 * first list both are in (day, then week, then month); a post in no list shared with the other follows
 * the one that is, then id. The report's own lists each sort by one list (byTopRank): this is for mixes.
 */
export function byRedditOrder(a: Post, b: Post): number {
  for (const list of topLists) {
    const x = a.topRank?.[list];
    const y = b.topRank?.[list];
    if (x !== undefined && y !== undefined && x !== y) return x - y;
    if (x !== undefined && y !== undefined) break;
  }
  return ascendingKnown(bestRank(a)?.position, bestRank(b)?.position) || compareText(a.id, b.id);
}

/** The order a report with `basis` ranks mixed posts by. */
export function orderFor(basis: RankBasis): (a: Post, b: Post) => number {
  return basis === 'points' ? byPoints : byRedditOrder;
}

/**
 * The order of posts drawn mostly from one list (the month's posts, with the week's added): by points,
 * or by the place in `list`, posts not in it after, in Reddit's order.
 */
export function orderIn(basis: RankBasis, list: TopList): (a: Post, b: Post) => number {
  if (basis === 'points') return byPoints;
  return (a, b) => ascendingKnown(a.topRank?.[list], b.topRank?.[list]) || byRedditOrder(a, b);
}

/** The post's place in `list`, else in the first list it is in (day, week, month); undefined when unranked. */
export function bestRank(post: { topRank?: TopRank }, list?: TopList): { list: Place; position: number } | undefined {
  // A place in the community's own list of the day says more about a day's post than one in the week's.
  const order: Place[] = list ? [list, ...(list === 'day' ? ['dayInCommunity' as const] : []), ...topLists.filter((l) => l !== list)] : [...topLists];
  if (!order.includes('dayInCommunity')) order.push('dayInCommunity');
  for (const l of order) {
    const position = post.topRank?.[l];
    if (position !== undefined) return { list: l, position };
  }
  return undefined;
}

/** Two copies' places merged: each list's best (lowest) position. Undefined when neither has one. */
export function mergeTopRanks(a: TopRank | undefined, b: TopRank | undefined): TopRank | undefined {
  if (!a || !b) return a ?? b;
  const merged: TopRank = {};
  for (const list of [...topLists, 'dayInCommunity'] as const) {
    const values = [a[list], b[list]].filter((v): v is number => v !== undefined);
    if (values.length > 0) merged[list] = Math.min(...values);
  }
  return merged;
}

/** The points the posts have, summed: an internal weight for ordering, never shown in place of missing numbers. */
export function knownPoints(posts: readonly Post[]): number {
  return posts.reduce((sum, p) => (p.score === null ? sum : sum + p.score), 0);
}

/**
 * More attention first, between groups of posts (a topic's, a theme's): their summed points, or without
 * numbers the group whose best post stands higher in Reddit's order. 0 when the basis cannot tell.
 */
export function byAttention(basis: RankBasis): (a: readonly Post[], b: readonly Post[]) => number {
  if (basis === 'points') return (a, b) => knownPoints(b) - knownPoints(a);
  const lead = (posts: readonly Post[]) => [...posts].sort(byRedditOrder)[0];
  return (a, b) => {
    const [x, y] = [lead(a), lead(b)];
    return x && y ? byRedditOrder(x, y) : x ? -1 : y ? 1 : 0;
  };
}

/** Which columns a table of posts shows (every renderer's tables: Markdown, the web page). */
export interface TableColumns {
  /** A # column with the post's place in this list. */
  rank: boolean;
  community: boolean;
  /** The list is Reddit's top list of that period: a Rank column instead of Score and Comments. */
  rankedBy?: TopList;
}

/**
 * Score and Comments columns when every post has Reddit's own numbers; otherwise one Rank column (the
 * post's place in Reddit's top list, and archived numbers labelled), so a table is never half empty and
 * no cell stands in for a number the source did not give. The public feeds carry no flair either: a
 * Reddit-ordered table without one leaves the Category column out.
 */
export function tableShape(posts: Post[], columns: TableColumns): { byNumbers: boolean; category: boolean } {
  return { byNumbers: !columns.rankedBy && posts.every(hasLiveNumbers), category: !columns.rankedBy || posts.some((p) => p.flair) };
}
