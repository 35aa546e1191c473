import type { Post } from '../../models.js';
import { findTopics } from '../topics.js';
import type { Claim, DeepDive } from '../types.js';
import { commentsOf, isStrongTopic, mostDiscussed, numbers, selftextOf, totals, type DayFacts } from './facts.js';
import { cleanTitle, count, listing, plural, quoteTitle, excerpt, safeText, timeAgo } from './text.js';

// Technical Deep Dive without a model: the post people talked about most today (most comments in
// today's list, ties by rank). Without judgement of "technical significance", the conversation itself
// is the signal; the body and the best comments then say what it is about, each quoted as it was written.

const MAX_COMMENTS = 5;

export function buildDeepDive(facts: DayFacts): DeepDive | null {
  const post = mostDiscussed(facts.report);
  if (!post) return null;
  const claims: Claim[] = [context(facts, post)];
  const body = excerpt(selftextOf(facts, post), 500);
  const comments = commentsOf(facts, post)
    .map((c) => ({ score: c.score, text: excerpt(c.body, 300) }))
    .filter((c) => c.text)
    .slice(0, MAX_COMMENTS);
  if (body) claims.push({ text: `The post says: "${body}"`, postIds: [post.id] });
  comments.forEach((c, i) => claims.push({ text: `${i === 0 ? 'The top comment' : 'Another top comment'} (${plural(c.score, 'point')}): "${c.text}"`, postIds: [post.id] }));
  if (!body && comments.length === 0) {
    const fetched = facts.input.details[post.id] !== undefined;
    claims.push({
      text: fetched
        ? 'The post has no text body and no comment could be quoted, so its numbers and neighbours tell the story.'
        : 'Its body and comments were not fetched for this report, so this section rests on its title and numbers.',
      postIds: [post.id],
    });
  }
  const cluster = clusterClaim(facts, post);
  if (cluster) claims.push(cluster);
  const history = historyClaim(facts, post);
  if (history) claims.push(history);
  return { title: cleanTitle(post.title), postId: post.id, body: claims };
}

/** Where and when, its numbers, and the runner-up it out-talked. */
function context(facts: DayFacts, post: Post): Claim {
  const flair = post.flair ? ` with the "${safeText(post.flair)}" flair` : '';
  const today = facts.report.sections.today;
  const runnerUp = today.filter((p) => p.id !== post.id).sort((a, b) => b.numComments - a.numComments)[0];
  const ahead = runnerUp ? `, ahead of ${quoteTitle(runnerUp.title, 50)} (${plural(runnerUp.numComments, 'comment')})` : '';
  return {
    text: `Posted in r/${post.subreddit} ${timeAgo(post.createdAt, facts.report.generatedAt)}${flair}, it has ${numbers(post.score, post.numComments)}: the most comments of today's ${plural(today.length, 'top post')}${ahead}.`,
    postIds: runnerUp ? [post.id, runnerUp.id] : [post.id],
  };
}

/** The day's topic the post belongs to, with the other posts on it. */
function clusterClaim(facts: DayFacts, post: Post): Claim | null {
  const topic = findTopics(facts.day).filter((t) => isStrongTopic(t, facts.day)).find((t) => t.postIds.includes(post.id));
  if (!topic) return null;
  const posts = facts.day.filter((p) => topic.postIds.includes(p.id));
  const others = posts.filter((p) => p.id !== post.id);
  const sum = totals(posts);
  return {
    text: `It is part of the day's "${topic.label}" cluster: ${plural(posts.length, 'leading post')} with ${numbers(sum.points, sum.comments)} together, alongside ${listing(others.slice(0, 3).map((p) => quoteTitle(p.title, 50)))}.`,
    postIds: [post.id, ...others.map((p) => p.id)],
  };
}

function historyClaim(facts: DayFacts, post: Post): Claim | null {
  const { comparison } = facts.input;
  const mover = comparison.movers.find((m) => m.postId === post.id);
  const persistent = comparison.persistentPosts.find((p) => p.postId === post.id);
  const parts: string[] = [];
  if (persistent) parts.push(`it was already in ${plural(persistent.days, 'earlier daily report')}`);
  if (mover) parts.push(`since ${mover.since} it went from ${count(mover.scoreThen)} to ${count(mover.scoreNow)} points and from ${count(mover.commentsThen)} to ${count(mover.commentsNow)} comments`);
  if (parts.length === 0) return null;
  const text = parts.join(', and ');
  return { text: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`, postIds: [post.id] };
}
