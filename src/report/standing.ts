import type { Post } from '../models.js';
import { formatCount } from '../text/count.js';
import { bestRank, hasLiveNumbers, type Place, type TopList } from './rank-basis.js';
import type { TopRank } from '../models/top-rank.js';

// How a post's popularity is told to a reader, in words every output shares: Reddit's points and
// comment count when the source gave them, its place in Reddit's top list when it did not, and numbers a
// third-party archive filled in later labelled as such. A number the source lacked is never written:
// not as 0, not as "null", not as a dash.

/** What a third-party archive's numbers are: counts taken once, about 36 hours after the post (PLATFORM-FACTS). */
export const ARCHIVED_LABEL = 'as archived ~36 h after posting';

/** The phrase readers see where points and comment counts would be, when the source has none. */
export const NUMBERS_MISSING = "points and comment counts are not available from Reddit's public feeds";

export interface Standing {
  /** The post's place in a Reddit top list: the list shown, else the first list it is in. */
  rank?: { list: Place; position: number };
  /** Null when the source did not give it. */
  points: number | null;
  comments: number | null;
  /** The numbers came from the archive, not from Reddit at collection time. */
  archived: boolean;
}

/** Anything with a post's numbers and places (a Post, an analysis Citation). */
export type Ranked = Pick<Post, 'score' | 'numComments' | 'numbersFrom'> & { topRank?: TopRank };

/**
 * What can be said of a post's popularity. `rankedBy`: the list it is shown in is Reddit's top list of
 * that period (a report without numbers), so its place there is said first. Outside such a list the
 * place is said only when Reddit's own numbers are missing.
 */
export function standingOf(post: Ranked, rankedBy?: TopList): Standing {
  const rank = rankedBy || !hasLiveNumbers(post) ? bestRank(post, rankedBy) : undefined;
  return { ...(rank ? { rank } : {}), points: post.score, comments: post.numComments, archived: post.numbersFrom === 'archive' };
}

const period: Record<Place, string> = { day: 'today', week: 'this week', month: 'this month', dayInCommunity: 'today' };

/** "#3 in Reddit's top today"; "#2 in its community's top today" for a place in a community's own list. */
export function rankWords(rank: NonNullable<Standing['rank']>): string {
  if (rank.list === 'dayInCommunity') return `#${rank.position} in its community's top today`;
  return `#${rank.position} in Reddit's top ${period[rank.list]}`;
}

/** "#3 today": the short form, for a table's Rank column. */
export function rankShort(rank: NonNullable<Standing['rank']>): string {
  return rank.list === 'dayInCommunity' ? `#${rank.position} in community today` : `#${rank.position} ${period[rank.list]}`;
}

/** "1,660 points, 260 comments", only the numbers that are known; '' when neither is. */
export function numbersWords(standing: Standing, separator = ', '): string {
  const parts = [
    ...(standing.points !== null ? [`${formatCount(standing.points)} ${standing.points === 1 ? 'point' : 'points'}`] : []),
    ...(standing.comments !== null ? [`${formatCount(standing.comments)} ${standing.comments === 1 ? 'comment' : 'comments'}`] : []),
  ];
  if (parts.length === 0) return '';
  return `${parts.join(separator)}${standing.archived ? ` ${ARCHIVED_LABEL}` : ''}`;
}

/**
 * The whole standing in words: "#3 in Reddit's top today", "1,660 points, 260 comments", or both
 * ("#3 in Reddit's top this week; 120 points, 8 comments as archived ~36 h after posting"); '' when
 * nothing is known.
 */
export function standingWords(standing: Standing, separator = ', '): string {
  return [standing.rank ? rankWords(standing.rank) : '', numbersWords(standing, separator)].filter(Boolean).join('; ');
}

/**
 * The standing as separate parts, each number written by the caller's format (▲1,660 in chat, "1660
 * points" on a terminal): the place first, then the known numbers, then the archive's label after them.
 */
export function standingParts(standing: Standing, format: { points: (n: number) => string; comments: (n: number) => string }): string[] {
  const numbers = [...(standing.points !== null ? [format.points(standing.points)] : []), ...(standing.comments !== null ? [format.comments(standing.comments)] : [])];
  return [...(standing.rank ? [rankWords(standing.rank)] : []), ...numbers, ...(standing.archived && numbers.length > 0 ? [ARCHIVED_LABEL] : [])];
}
