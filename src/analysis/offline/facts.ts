import { byCommentScore, type Comment, type Post, type Report } from '../../models.js';
import { median, pickPlaces } from '../../report/pick.js';
import { bestRank, orderIn, reportBasis, type RankBasis, type TopList } from '../../report/rank-basis.js';
import { rankWords } from '../../report/standing.js';
import type { AnalystInput } from '../input.js';
import { dayPosts, reportPosts } from '../report-posts.js';
import { topicKey, type Topic } from '../topics.js';
import { plural } from './text.js';

// The facts every offline section draws on, computed once: the day's posts, their bodies and comments,
// and small statistics. Sections only phrase these facts; they never compute numbers of their own.

export interface DayFacts {
  input: AnalystInput;
  report: Report;
  /**
   * The report's ranking basis. Without numbers (the public feeds) no sentence gives a points or comment
   * figure: a post's place in Reddit's top list stands in for it ("#1 in Reddit's top today").
   */
  basis: RankBasis;
  /** Today's list and each community's top posts, once each, in rank order. */
  day: Post[];
  byId: Map<string, Post>;
  /**
   * 1-based places in the day's pick (src/report/pick.ts): what the briefing leads with, each post weighed
   * against its own community, jokes and image-only posts last.
   */
  pick: Map<string, number>;
}

export function dayFacts(input: AnalystInput): DayFacts {
  const { report } = input;
  const byId = new Map(reportPosts(report).map((post) => [post.id, post]));
  const basis = reportBasis(report);
  return { input, report, basis, day: dayPosts(report).sort(orderIn(basis, 'day')), byId, pick: pickPlaces(report) };
}

/** The best pick place among `posts` (a post outside the pick after every placed one). */
export function bestPlace(facts: DayFacts, posts: readonly Pick<Post, 'id'>[]): number {
  return Math.min(Number.MAX_SAFE_INTEGER, ...posts.map((p) => facts.pick.get(p.id) ?? Number.MAX_SAFE_INTEGER));
}

/** Whether sentences may give points and comment counts: the report has Reddit's numbers. */
export function withNumbers(facts: DayFacts): boolean {
  return facts.basis === 'points';
}

/** "#3 in Reddit's top this week": the post's place in `list` (else its first list); '' when it has none. */
export function placeOf(post: Post, list: TopList): string {
  const rank = bestRank(post, list);
  return rank ? rankWords(rank) : '';
}

/** The body of a post, from enrichment first, then from the post itself; '' when unknown. */
export function selftextOf(facts: DayFacts, post: Post): string {
  return (facts.input.details[post.id]?.selftext ?? post.selftext ?? '').trim();
}

/** Top comments, best first, without empty or removed ones. */
export function commentsOf(facts: DayFacts, post: Post): Comment[] {
  const comments = facts.input.details[post.id]?.topComments ?? post.topComments ?? [];
  return comments
    .filter((c) => c.body.trim() !== '' && !/^\[(deleted|removed)\]$/i.test(c.body.trim()))
    .sort(byCommentScore);
}

/** Summed points and comments of posts that have them: call only when the report has numbers (withNumbers). */
export function totals(posts: Post[]): { points: number; comments: number } {
  const known = (values: Array<number | null>) => values.reduce<number>((sum, n) => (n === null ? sum : sum + n), 0);
  return { points: known(posts.map((p) => p.score)), comments: known(posts.map((p) => p.numComments)) };
}

/** "1,660 points and 260 comments". */
export function numbers(points: number, comments: number): string {
  return `${plural(points, 'point')} and ${plural(comments, 'comment')}`;
}

/**
 * A topic strong enough to name a theme or a cross-community trend. A single word shared by two posts is
 * often a coincidence ("Face" in "Hugging Face" and in "face photos"; "local" in two unrelated
 * questions); three posts, a shared two-word phrase, or a word every post writes like a name ("Gemma",
 * "openClaw", "RAG") rarely are. `posts` must hold the topic's posts.
 */
export function isStrongTopic(topic: Topic, posts: Post[]): boolean {
  if (topic.postIds.length >= 3 || topic.key.includes(' ')) return true;
  return topic.postIds.every((id) => {
    const post = posts.find((p) => p.id === id);
    return post !== undefined && spellingsOf(post.title, topic.key).some((word) => /[\p{Lu}\p{N}]/u.test(word));
  });
}

/** How a title writes the words that fold into `key`, in their original case. */
function spellingsOf(title: string, key: string): string[] {
  return (title.match(/[\p{L}\p{N}]+(?:[.\-'’][\p{L}\p{N}]+)*/gu) ?? []).filter((word) => topicKey(word.toLowerCase().replace(/’/g, "'")) === key);
}

/** Comments per point: high values mean people argue more than they upvote (posts with both numbers only). */
export function debateRatio(post: Pick<Post, 'score' | 'numComments'> & { score: number; numComments: number }): number {
  return post.numComments / Math.max(post.score, 1);
}

export { median };
