import { dayPosts } from '../analysis/report-posts.js';
import type { Post, Report } from '../models.js';
import { isLowSignal } from './low-signal.js';
import { byCommunityPlace, compareText, reportBasis } from './rank-basis.js';

// The day's pick: what a reader meets first (the morning post's top list, the order of the highlights,
// the posts the analysis leads with). The four tables keep their own rules (points, or Reddit's order):
// this is the editor's choice on top of them, fair to every community:
// - each post is weighed against its own community: with Reddit's numbers, its points against that
//   community's usual top posts; without them (the public feeds), its place in its community's list first,
//   then its place in Reddit's day list. A 300-point post where 40 is a good day beats a 1,200-point post
//   where 1,600 is;
// - at most PER_COMMUNITY posts of one community in the first PICK_SIZE, unless no other post qualifies;
// - jokes, memes and posts that are only an image or a clip come after every other post.
// The candidates are the day's posts as the report shows them: Today and each community's top posts, so
// every post the pick names passed the tables' rules (more than ten comments, or Reddit's top of the day).

export const PICK_SIZE = 5;
export const PER_COMMUNITY = 2;
/**
 * How far a post is measured against its community rather than in raw points: 1 would make a community's
 * 30-point post the equal of another's 1,600-point one whenever each is its community's usual, 0 is the raw
 * ranking that lets the largest community take everything. 0.7 keeps size a tie-breaker, not the rule.
 */
const RELATIVE_WEIGHT = 0.7;
/** The usual top posts of a community: the median of its best posts of a day (the report shows three). */
const USUAL_TOP = 3;

export interface PickOptions {
  /**
   * Each community's usual top-post points over the stored days (report.usualTopPoints); without them,
   * the community's best posts of this day stand in.
   */
  usual?: Readonly<Record<string, number>>;
}

/** The day's posts in the pick's order, best first: the first PICK_SIZE are the morning post's top list. */
export function dayPick(report: Pick<Report, 'sections' | 'source' | 'usualTopPoints'>, options: PickOptions = {}): Post[] {
  const basis = reportBasis(report);
  const candidates = dayPosts(report);
  const order = basis === 'points' ? byRelativePoints(report, options.usual ?? report.usualTopPoints) : byPlaceInCommunity(candidates);
  const ranked = [...candidates].sort((a, b) => order(a, b) || compareText(a.id, b.id));
  // A joke does not earn a place by coming from a community not yet in the list: a capped post of substance
  // fills the top list before any low-signal post does.
  return [...capPerCommunity(ranked.filter((p) => !isLowSignal(p)), PICK_SIZE, PER_COMMUNITY), ...ranked.filter(isLowSignal)];
}

/** The first `size` of the pick (the morning post's top list). */
export function topPick(report: Pick<Report, 'sections' | 'source' | 'usualTopPoints'>, size = PICK_SIZE): Post[] {
  return dayPick(report).slice(0, size);
}

/** 1-based places in the pick by post id, for ordering what rests on several posts (a story, a theme). */
export function pickPlaces(report: Pick<Report, 'sections' | 'source' | 'usualTopPoints'>): Map<string, number> {
  return new Map(dayPick(report).map((post, i) => [post.id, i + 1]));
}

/** The median of the best USUAL_TOP scores among `scores` (0 when none). */
export function usualTop(scores: readonly number[]): number {
  const best = [...scores].sort((a, b) => b - a).slice(0, USUAL_TOP);
  return median(best);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The points of each community's top posts of the day (the communities table), by community. */
export function dayTopScores(report: Pick<Report, 'sections'>): Map<string, number[]> {
  const scores = new Map<string, number[]>();
  for (const community of report.sections.communities) {
    scores.set(community.subreddit, community.posts.flatMap((p) => (p.score === null ? [] : [p.score])));
  }
  return scores;
}

/**
 * With numbers: log points against log of the community's usual top points, so that a post is measured by
 * how far above (or below) its community's good day it stands, and size only breaks near-ties.
 */
function byRelativePoints(report: Pick<Report, 'sections'>, usual: Readonly<Record<string, number>> | undefined): (a: Post, b: Post) => number {
  const today = dayTopScores(report);
  const baseline = (post: Post) => usual?.[post.subreddit] ?? usualTop(today.get(post.subreddit) ?? (post.score === null ? [] : [post.score]));
  const merit = (post: Post) => (post.score === null ? -Infinity : Math.log1p(post.score) - RELATIVE_WEIGHT * Math.log1p(baseline(post)));
  return (a, b) => {
    const [x, y] = [merit(a), merit(b)];
    return x === y ? 0 : y > x ? 1 : -1;
  };
}

/**
 * Without numbers: a post's place in its own community's list of the day first (each community's first post
 * before any community's second), then its place in Reddit's day list of all communities.
 */
function byPlaceInCommunity(candidates: readonly Post[]): (a: Post, b: Post) => number {
  const place = new Map<string, number>();
  const communities = new Map<string, Post[]>();
  for (const post of candidates) communities.set(post.subreddit, [...(communities.get(post.subreddit) ?? []), post]);
  for (const posts of communities.values()) posts.sort(byCommunityPlace).forEach((post, i) => place.set(post.id, i + 1));
  const dayPlace = (post: Post) => post.topRank?.day ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => place.get(a.id)! - place.get(b.id)! || dayPlace(a) - dayPlace(b) || byCommunityPlace(a, b);
}

/**
 * `ranked` with no more than `perCommunity` posts of one community among the first `size`: a post over the
 * cap waits, and takes a place only when no other post is left to fill it. Past `size`, the order is kept.
 */
export function capPerCommunity(ranked: readonly Post[], size: number, perCommunity: number): Post[] {
  const head: Post[] = [];
  const waiting: Post[] = [];
  const taken = new Map<string, number>();
  let i = 0;
  for (; i < ranked.length && head.length < size; i++) {
    const post = ranked[i]!;
    const n = taken.get(post.subreddit) ?? 0;
    if (n >= perCommunity) {
      waiting.push(post);
      continue;
    }
    taken.set(post.subreddit, n + 1);
    head.push(post);
  }
  // Nothing else qualified: the waiting posts fill the rest of the head, in their order.
  while (head.length < size && waiting.length > 0) head.push(waiting.shift()!);
  return [...head, ...waiting, ...ranked.slice(i)];
}

