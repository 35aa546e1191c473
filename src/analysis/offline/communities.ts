import type { Post } from '../../models.js';
import { mentionsTopic } from '../compare.js';
import { findTopics, type Topic } from '../topics.js';
import type { Claim, CommunityFocus, CommunityHighlights } from '../types.js';
import { isStrongTopic, numbers, totals, type DayFacts } from './facts.js';
import { count, listing, plural, quoteTitle, safeText } from './text.js';

// Community Highlights: what each community of the day talks about (its posts' shared topics and
// flairs) and how busy it is, busiest first; topics that several communities share; and communities
// whose subject nobody else touches.

const MAX_CROSS_CUTTING = 4;

export function buildCommunityHighlights(facts: DayFacts): CommunityHighlights {
  const communities = facts.report.sections.communities
    .map((c) => ({ subreddit: c.subreddit, posts: facts.day.filter((p) => p.subreddit === c.subreddit) }))
    .filter((c) => c.posts.length > 0)
    .sort((a, b) => {
      const x = totals(a.posts);
      const y = totals(b.posts);
      return y.comments - x.comments || y.points - x.points || (a.subreddit.toLowerCase() < b.subreddit.toLowerCase() ? -1 : 1);
    });
  return {
    communities: communities.map((c) => focus(c.subreddit, c.posts)),
    crossCutting: crossCutting(facts),
    niche: communities.flatMap((c) => niche(facts, c.subreddit, c.posts)),
  };
}

function focus(subreddit: string, posts: Post[]): CommunityFocus {
  const sum = totals(posts);
  const top = posts[0]!;
  const talked = [...posts].sort((a, b) => b.numComments - a.numComments)[0]!;
  const lead =
    posts.length === 1
      ? `One post among the day's leaders, ${quoteTitle(top.title, 60)}, with ${numbers(sum.points, sum.comments)}.`
      : `${plural(posts.length, 'post')} among the day's leaders with ${numbers(sum.points, sum.comments)}; the top one is ${quoteTitle(top.title, 60)} (${plural(top.score, 'point')})` +
        (talked.id !== top.id ? `, while ${quoteTitle(talked.title, 60)} drew the most comments (${count(talked.numComments)}).` : '.');
  const claims: Claim[] = [{ text: lead, postIds: talked.id !== top.id ? [top.id, talked.id] : [top.id] }];
  const topics = strongTopics(posts).slice(0, 3);
  if (topics.length > 0) {
    claims.push({
      text: `Shared topics of its posts: ${listing(topics.map((t) => `"${t.label}" (${plural(t.postIds.length, 'post')})`))}.`,
      postIds: [...new Set(topics.flatMap((t) => t.postIds))],
    });
  }
  const flairs = flairCounts(posts);
  if (posts.length >= 2 && flairs.length > 0) {
    const unflaired = posts.length - flairs.reduce((n, f) => n + f.posts.length, 0);
    const text =
      flairs.length === 1 && unflaired === 0
        ? `All its posts carry the "${flairs[0]!.flair}" flair.`
        : `By flair: ${listing([
            ...flairs.slice(0, 4).map((f) => `${f.flair} (${count(f.posts.length)})`),
            ...(flairs.length > 4 ? [plural(flairs.length - 4, 'other flair')] : []),
            ...(unflaired > 0 ? [`no flair (${count(unflaired)})`] : []),
          ])}.`;
    claims.push({ text, postIds: flairs.slice(0, 4).map((f) => f.posts[0]!.id) });
  }
  return { subreddit, focus: claims };
}

function strongTopics(posts: Post[]): Topic[] {
  return findTopics(posts).filter((t) => isStrongTopic(t, posts));
}

function flairCounts(posts: Post[]): Array<{ flair: string; posts: Post[] }> {
  const byFlair = new Map<string, Post[]>();
  for (const post of posts) {
    const flair = post.flair ? safeText(post.flair) : '';
    if (flair) byFlair.set(flair, [...(byFlair.get(flair) ?? []), post]);
  }
  return [...byFlair.entries()].map(([flair, list]) => ({ flair, posts: list })).sort((a, b) => b.posts.length - a.posts.length || (a.flair < b.flair ? -1 : 1));
}

/** Strong topics of all the report's posts (day, week, month) found in two communities or more. */
function crossCutting(facts: DayFacts): Claim[] {
  const all = [...facts.byId.values()];
  return findTopics(all)
    .filter((t) => isStrongTopic(t, all))
    .map((topic) => ({ topic, posts: all.filter((p) => topic.postIds.includes(p.id)) }))
    .filter(({ posts }) => new Set(posts.map((p) => p.subreddit)).size >= 2)
    .slice(0, MAX_CROSS_CUTTING)
    .map(({ topic, posts }) => crossCuttingClaim(topic, posts));
}

function crossCuttingClaim(topic: Topic, posts: Post[]): Claim {
  const subreddits = [...new Set(posts.map((p) => p.subreddit))];
  const sum = totals(posts);
  // One post per community first, so the first links a reader sees show the spread.
  const firsts = subreddits.map((s) => posts.find((p) => p.subreddit === s)!);
  const ordered = [...firsts, ...posts.filter((p) => !firsts.includes(p))];
  return {
    text: `"${topic.label}" comes up in ${listing(subreddits.map((s) => `r/${s}`))}: ${plural(posts.length, 'post')} among the top posts of the day, week and month, with ${numbers(sum.points, sum.comments)}.`,
    postIds: ordered.map((p) => p.id),
  };
}

/** A community whose shared topics appear in no other community's posts anywhere in the report. */
function niche(facts: DayFacts, subreddit: string, posts: Post[]): Claim[] {
  const others = [...facts.byId.values()].filter((p) => p.subreddit !== subreddit);
  const topics = strongTopics(posts);
  const own = topics.filter((t) => !others.some((p) => mentionsTopic(p, [t.key])));
  if (own.length === 0 || own.length < topics.length) return [];
  const onTopic = posts.filter((p) => own.some((t) => t.postIds.includes(p.id)));
  const sum = totals(onTopic);
  return [
    {
      text: `Only r/${subreddit} talks about ${listing(own.map((t) => `"${t.label}"`))}: ${plural(onTopic.length, 'post')} with ${numbers(sum.points, sum.comments)}, and no other community's top posts mention ${own.length === 1 ? 'it' : 'them'}.`,
      postIds: onTopic.map((p) => p.id),
    },
  ];
}
