import type { Post } from '../../models.js';
import { findTopics } from '../topics.js';
import type { HighlightItem, HighlightTheme } from '../types.js';
import { commentsOf, debateRatio, isStrongTopic, median, mostDiscussed, numbers, selftextOf, totals, type DayFacts } from './facts.js';
import { cleanTitle, clipWords, count, excerpt, plural, safeText, timeAgo } from './text.js';

/** An item's name is a title, cut like one (a 5,000-character title must not become a heading). */
const NAME_MAX = 100;

// Today's Highlights without a model: the day's posts clustered into a few themes (a shared topic first,
// then a shared flair, then the remaining leaders), each item one post told through its own numbers,
// body and best comment, and a reason to care that is a fact about the data.

const MAX_THEMES = 4;
const ITEMS_PER_THEME = 3;
const REASONS_PER_ITEM = 2;

interface Group {
  theme: string;
  kind: 'topic' | 'flair' | 'other';
  /** The group's day posts not claimed by a stronger group, in rank order (the first few become items). */
  posts: Post[];
  /** Every day post on the topic or with the flair, for the "one of N" count. */
  members: Post[];
  /** How the group's posts are called in a sentence ("posts on Seedance"). */
  noun: string;
}

export function buildHighlights(facts: DayFacts): HighlightTheme[] {
  return chooseGroups(facts).map((group) => ({
    theme: group.theme,
    items: group.posts.slice(0, ITEMS_PER_THEME).map((post) => highlightItem(facts, group, post)),
  }));
}

/**
 * Topic groups, then flair groups of what is left, then one group of the remaining leaders. Groups are
 * chosen by the attention their shown posts got, so the day's biggest posts are never left out; the
 * catch-all group is shown last because it is not a theme.
 */
function chooseGroups(facts: DayFacts): Group[] {
  const used = new Set<string>();
  const groups: Group[] = [];
  for (const topic of findTopics(facts.day).filter((t) => isStrongTopic(t, facts.day))) {
    const posts = facts.day.filter((p) => topic.postIds.includes(p.id) && !used.has(p.id));
    if (posts.length < 2) continue;
    posts.forEach((p) => used.add(p.id));
    groups.push({ theme: topic.label, kind: 'topic', posts, members: facts.day.filter((p) => topic.postIds.includes(p.id)), noun: `posts on ${topic.label}` });
  }
  const byFlair = new Map<string, Post[]>();
  const rest: Post[] = [];
  for (const post of facts.day.filter((p) => !used.has(p.id))) {
    const flair = post.flair ? safeText(post.flair) : '';
    if (flair) byFlair.set(flair, [...(byFlair.get(flair) ?? []), post]);
    else rest.push(post);
  }
  for (const [flair, posts] of byFlair) {
    const members = facts.day.filter((p) => p.flair !== null && safeText(p.flair) === flair);
    if (posts.length >= 2) groups.push({ theme: flair, kind: 'flair', posts, members, noun: `"${flair}" posts` });
    else rest.push(...posts);
  }
  if (rest.length > 0) groups.push({ theme: "More of the day's top posts", kind: 'other', posts: rest.sort((a, b) => facts.day.indexOf(a) - facts.day.indexOf(b)), members: rest, noun: 'posts' });
  const attention = (g: Group) => totals(g.posts.slice(0, ITEMS_PER_THEME)).points;
  const chosen = [...groups].sort((a, b) => attention(b) - attention(a) || (a.theme < b.theme ? -1 : 1)).slice(0, MAX_THEMES);
  return chosen.sort((a, b) => Number(a.kind === 'other') - Number(b.kind === 'other') || attention(b) - attention(a) || (a.theme < b.theme ? -1 : 1));
}

function highlightItem(facts: DayFacts, group: Group, post: Post): HighlightItem {
  return { name: clipWords(cleanTitle(post.title), NAME_MAX), summary: summary(facts, post), whyItMatters: reasons(facts, group, post).slice(0, REASONS_PER_ITEM).join(' '), postIds: [post.id] };
}

/** 2–4 sentences: where and when, its standing, what the post says, what its best comment says. */
function summary(facts: DayFacts, post: Post): string {
  const { report } = facts;
  const flair = post.flair ? ` with the "${safeText(post.flair)}" flair` : '';
  const sentences = [`Posted in r/${post.subreddit} ${timeAgo(post.createdAt, report.generatedAt)}${flair}, it has ${numbers(post.score, post.numComments)}.`];
  const todayRank = report.sections.today.findIndex((p) => p.id === post.id);
  const community = report.sections.communities.find((c) => c.subreddit === post.subreddit)?.posts ?? [];
  const communityRank = community.findIndex((p) => p.id === post.id);
  if (todayRank >= 0) sentences.push(`It is #${todayRank + 1} of today's ${report.sections.today.length} top posts by score.`);
  else if (communityRank >= 0) sentences.push(`It is #${communityRank + 1} of r/${post.subreddit}'s ${plural(community.length, 'top post')} today.`);
  const body = excerpt(selftextOf(facts, post), 220);
  if (body) sentences.push(`The post says: "${body}"`);
  const comment = commentsOf(facts, post).map((c) => ({ c, text: excerpt(c.body, 180) })).find((x) => x.text);
  if (comment) sentences.push(`The top comment (${plural(comment.c.score, 'point')}) says: "${comment.text}"`);
  return sentences.join(' ');
}

/** Facts that make the post worth a look, most telling first. */
function reasons(facts: DayFacts, group: Group, post: Post): string[] {
  const { comparison } = facts.input;
  const out: string[] = [];
  const mover = comparison.movers.find((m) => m.postId === post.id);
  if (mover) {
    out.push(`Since ${mover.since} it went from ${count(mover.scoreThen)} to ${count(mover.scoreNow)} points and from ${count(mover.commentsThen)} to ${count(mover.commentsNow)} comments.`);
  }
  if (facts.day[0]?.id === post.id) out.push(`It is the most upvoted of the day's ${plural(facts.day.length, 'leading post')}.`);
  if (mostDiscussed(facts.report)?.id === post.id) out.push(`It is the most-discussed post in today's top list, with ${plural(post.numComments, 'comment')}.`);
  // Debate is judged against comparable posts: today's top list for its members (big posts draw fewer
  // comments per point), the whole day for the small communities' leaders.
  const peers = facts.report.sections.today.some((p) => p.id === post.id) ? facts.report.sections.today : facts.day;
  const ratios = peers.map(debateRatio);
  const ratio = debateRatio(post);
  const talk = `Its ${plural(post.numComments, 'comment')} on ${plural(post.score, 'point')}`;
  const typical = median(ratios);
  if (post.numComments >= 20 && ratio === Math.max(...ratios) && ratio >= 1.5 * typical) {
    out.push(`${talk} are the most comments per point ${peers === facts.day ? "among the day's leading posts" : "in today's top list"}: people argue about it more than they simply upvote it.`);
  } else if (post.numComments >= 20 && ratio >= 2 * typical) {
    out.push(`${talk} are more than twice the typical comments per point ${peers === facts.day ? "of the day's leading posts" : "of today's top list"}, a sign of debate.`);
  }
  if (group.kind !== 'other' && group.members.length >= 2) {
    const sum = totals(group.members);
    out.push(`It is one of ${count(group.members.length)} ${group.noun} among the day's leaders, ${numbers(sum.points, sum.comments)} together.`);
  }
  const persistent = comparison.persistentPosts.find((p) => p.postId === post.id);
  if (persistent) out.push(`It was already in ${plural(persistent.days, 'earlier daily report')}.`);
  const community = facts.report.sections.communities.find((c) => c.subreddit === post.subreddit);
  if (community?.posts[0]?.id === post.id) out.push(`It is the top post of r/${post.subreddit} today.`);
  if (out.length === 0) {
    const byTalk = [...facts.day].sort((a, b) => b.numComments - a.numComments || facts.day.indexOf(a) - facts.day.indexOf(b));
    out.push(`Its ${plural(post.numComments, 'comment')} make it #${byTalk.indexOf(post) + 1} by discussion among the day's ${plural(facts.day.length, 'leading post')}.`);
  }
  return out;
}
