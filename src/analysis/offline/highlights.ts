import type { Post } from '../../models.js';
import type { HighlightItem, HighlightTheme } from '../../models/analysis.js';
import { byAttention, hasNumbers } from '../../report/rank-basis.js';
import { commentsOf, debateRatio, median, numbers, placeOf, selftextOf, totals, withNumbers, type DayFacts } from './facts.js';
import { dayStories, MEMES, OTHER, type Story } from './stories.js';
import { clipWords, count, informativeSentence, excerpt, listing, plural, vary } from './text.js';

// Today's Highlights without a model: one entry per story of the day (posts on one topic are one
// story), under themes by meaning, memes last. Each entry names the thing, gives one concrete detail
// (the body's first informative sentence, the best comment with its score) and a reason to care only
// when a fact beyond its rank gives one. Titles, numbers and links are the renderer's, once each.

/** An item's name is a title, cut like one (a 5,000-character title must not become a heading). */
const NAME_MAX = 100;
/** The debate remark is worth making about the day's two most argued posts, not about every busy one. */
const DEBATE_REMARKS = 2;

export function buildHighlights(facts: DayFacts, quotedElsewhere?: string): HighlightTheme[] {
  const today = new Set(facts.report.sections.today.map((p) => p.id));
  // Every story of today's list, and every topic several of the day's posts share, however small.
  const stories = dayStories(facts).filter((s) => s.posts.length >= 2 || today.has(s.posts[0]!.id));
  const byTheme = new Map<string, Story[]>();
  for (const story of stories) byTheme.set(story.theme, [...(byTheme.get(story.theme) ?? []), story]);
  const rank = (theme: string) => (theme === MEMES ? 2 : theme === OTHER ? 1 : 0);
  const attention = byAttention(facts.basis);
  const debated = mostDebated(facts);
  const phrasing = { detail: 0, sum: 0, debate: 0 };
  return [...byTheme.entries()]
    .sort(([a, x], [b, y]) => rank(a) - rank(b) || attention(x.flatMap((s) => s.posts), y.flatMap((s) => s.posts)) || (a < b ? -1 : 1))
    .map(([theme, list]) => ({ theme, items: list.map((story) => item(facts, story, debated, phrasing, quotedElsewhere)) }));
}

interface Phrasing {
  detail: number;
  sum: number;
  debate: number;
}

function item(facts: DayFacts, story: Story, debated: Set<string>, phrasing: Phrasing, quotedElsewhere?: string): HighlightItem {
  const sentences: string[] = [];
  if (story.posts.length > 1) sentences.push(storySize(facts, story, phrasing.sum++));
  sentences.push(...detail(facts, story.posts.filter((p) => p.id !== quotedElsewhere), phrasing));
  return { name: clipWords(story.name, NAME_MAX), summary: sentences.join(' '), whyItMatters: reasons(facts, story, debated, phrasing).join(' '), postIds: story.posts.map((p) => p.id) };
}

function storySize(facts: DayFacts, story: Story, n: number): string {
  const communities = [...new Set(story.posts.map((p) => `r/${p.subreddit}`))];
  const where = communities.length > 1 ? ` across ${listing(communities)}` : '';
  if (!withNumbers(facts)) {
    // No numbers to add up: the story's size, and where its first post stands in Reddit's list.
    const place = placeOf(story.posts[0]!, 'day');
    return vary(n, [
      `${plural(story.posts.length, 'post')} together${where}${place ? `, the first of them at ${place}` : ''}.`,
      `Together ${plural(story.posts.length, 'post')}${where}${place ? `, led by one at ${place}` : ''}.`,
      `It fills ${count(story.posts.length)} of the day's leading posts${where}.`,
    ]);
  }
  const sum = totals(story.posts);
  return vary(n, [
    `${plural(story.posts.length, 'post')} with ${numbers(sum.points, sum.comments)} together${where}.`,
    `Together ${plural(story.posts.length, 'post')}${where}, ${numbers(sum.points, sum.comments)}.`,
    `It fills ${count(story.posts.length)} of the day's leading posts${where}: ${plural(sum.points, 'point')} in all.`,
  ]);
}

/** The body's first informative sentence and the best comment, of the first post that has them. */
function detail(facts: DayFacts, posts: Post[], phrasing: Phrasing): string[] {
  for (const post of posts) {
    const body = informativeSentence(selftextOf(facts, post), 220);
    const comment = commentsOf(facts, post).map((c) => ({ score: c.score, text: excerpt(c.body, 180) })).find((c) => c.text);
    if (!body && !comment) continue;
    const n = phrasing.detail++;
    const out: string[] = [];
    if (body) out.push(vary(n, [`The post: "${body}"`, `Its author writes: "${body}"`, `From the post: "${body}"`, `In the post's words: "${body}"`]));
    if (comment && comment.score !== null) {
      const points = plural(comment.score, 'point');
      out.push(vary(n, [`Top comment (${points}): "${comment.text}"`, `The most upvoted reply (${points}): "${comment.text}"`, `A commenter, ${points}: "${comment.text}"`, `Best-voted reply at ${points}: "${comment.text}"`]));
    } else if (comment) {
      // A comment without its points (the comment feeds): quoted, with no claim about its votes.
      out.push(vary(n, [`Top comment: "${comment.text}"`, `A reply: "${comment.text}"`, `A commenter: "${comment.text}"`, `One reply: "${comment.text}"`]));
    }
    return out;
  }
  return [];
}

/** Today's posts argued over most (comments per point), at least twice the list's typical ratio; none without numbers. */
function mostDebated(facts: DayFacts): Set<string> {
  if (!withNumbers(facts)) return new Set();
  const today = facts.report.sections.today.filter(hasNumbers);
  const typical = median(today.map(debateRatio));
  return new Set(
    today
      .filter((p) => p.numComments >= 20 && debateRatio(p) >= 2 * typical)
      .sort((a, b) => debateRatio(b) - debateRatio(a))
      .slice(0, DEBATE_REMARKS)
      .map((p) => p.id),
  );
}

/** Facts beyond the rank that make the story worth a look; none is better than a filler. */
function reasons(facts: DayFacts, story: Story, debated: Set<string>, phrasing: Phrasing): string[] {
  const { comparison } = facts.input;
  const out: string[] = [];
  for (const post of story.posts) {
    const mover = comparison.movers.find((m) => m.postId === post.id);
    if (mover) out.push(`Since ${mover.since} it went from ${count(mover.scoreThen)} to ${count(mover.scoreNow)} points and from ${count(mover.commentsThen)} to ${count(mover.commentsNow)} comments.`);
    if (debated.has(post.id) && hasNumbers(post)) {
      const talk = `${plural(post.numComments, 'comment')} on ${plural(post.score, 'point')}`;
      out.push(vary(phrasing.debate++, [`${talk}: people argue about it more than they upvote it.`, `It draws argument more than votes, ${talk}.`]));
    }
  }
  const persistent = story.posts.map((p) => comparison.persistentPosts.find((x) => x.postId === p.id)).find((x) => x !== undefined);
  if (persistent) out.push(`It was already in ${plural(persistent.days, 'earlier daily report')}.`);
  if (comparison.hasHistory && story.posts.some((p) => comparison.newEntrants.includes(p.id))) out.push('It is new: no earlier report of the week had it.');
  return out;
}
