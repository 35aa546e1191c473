import type { Post } from '../../models.js';
import { mentionsTopic } from '../compare.js';
import { type MergedTopic } from '../topics.js';
import type { Claim, CommunityFocus, CommunityHighlights } from '../../models/analysis.js';
import { byAttention } from '../../report/rank-basis.js';
import { numbers, totals, withNumbers, type DayFacts } from './facts.js';
import { OTHER, storyTopics, themeInSentence, themeOfPosts } from './stories.js';
import { count, listing, plural, vary } from './text.js';

// Community Highlights: what each community of the day talks about, in words (the themes and topics
// of its posts), busiest first; the topics several communities share; and the topics only one
// community raises. No flair tallies, and no topic that merely repeats a community's name ("only
// r/Rag talks about RAG" says nothing).

const MAX_CROSS_CUTTING = 3;
const MAX_NICHE = 2;

export function buildCommunityHighlights(facts: DayFacts): CommunityHighlights {
  const attention = byAttention(facts.basis);
  // Busiest first: by comments, then points; without numbers, by posts in the day's list, then the best placed.
  const busier = (a: Post[], b: Post[]) => {
    if (!withNumbers(facts)) return b.length - a.length || attention(a, b);
    const x = totals(a);
    const y = totals(b);
    return y.comments - x.comments || y.points - x.points;
  };
  const communities = facts.report.sections.communities
    .map((c) => ({ subreddit: c.subreddit, posts: facts.day.filter((p) => p.subreddit === c.subreddit) }))
    .filter((c) => c.posts.length > 0)
    .sort((a, b) => busier(a.posts, b.posts) || (a.subreddit.toLowerCase() < b.subreddit.toLowerCase() ? -1 : 1));
  return {
    communities: communities.map((c, i) => focus(c.subreddit, c.posts, i, withNumbers(facts))),
    crossCutting: crossCutting(facts),
    niche: communities.flatMap((c) => niche(facts, c.subreddit, c.posts)).slice(0, MAX_NICHE),
  };
}

/** "Anthropic (also Claude, Opus)". */
function named(topic: MergedTopic): string {
  return topic.aliases.length > 0 ? `${topic.label} (also ${listing(topic.aliases)})` : topic.label;
}

/** A topic that only repeats the community's name: "RAG" in r/Rag, "LocalLLaMA" in r/LocalLLaMA. */
function isTautology(topic: MergedTopic, subreddit: string): boolean {
  const name = subreddit.toLowerCase().replace(/_/g, '');
  return [topic.key, ...topic.aliases.map((a) => a.toLowerCase())].some((key) => name.includes(key.replace(/[\s_-]/g, '')) || key.includes(name));
}

/** What a community's posts are about, in words: their themes, most posts first, with their topics. */
function subjectOf(subreddit: string, posts: Post[]): string {
  const themes = new Map<string, number>();
  for (const post of posts) {
    const theme = themeOfPosts([post]);
    if (theme !== OTHER) themes.set(theme, (themes.get(theme) ?? 0) + 1);
  }
  const words = [...themes.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([theme, n]) => `${themeInSentence(theme)}${n > 1 && posts.length > 2 ? ` (${count(n)} of ${count(posts.length)})` : ''}`);
  const topics = storyTopics(posts)
    .filter((t) => !isTautology(t, subreddit))
    .slice(0, 2)
    .map(named);
  const subject = words.length > 0 ? listing(words) : 'questions of its own';
  return topics.length > 0 ? `${subject}, with ${listing(topics)} in several posts` : subject;
}

function focus(subreddit: string, posts: Post[], n: number, hasNumbers: boolean): CommunityFocus {
  const subject = subjectOf(subreddit, posts);
  if (!hasNumbers) {
    // The same sentences without a figure the feeds do not give.
    const text = vary(n, [
      `Mostly ${subject}; ${plural(posts.length, 'post')} in Reddit's top of the day.`,
      `Its leading posts are about ${subject}.`,
      `Talk here is of ${subject}.`,
      `What it discussed: ${subject}.`,
      `Here the day was about ${subject}.`,
    ]);
    return { subreddit, focus: [{ text, postIds: posts.map((p) => p.id) }] };
  }
  const sum = totals(posts);
  const text = vary(n, [
    `Mostly ${subject}; ${plural(posts.length, 'post')} with ${numbers(sum.points, sum.comments)}.`,
    `Its leading posts are about ${subject}, ${plural(sum.comments, 'comment')} in all.`,
    `Talk here is of ${subject}: ${plural(sum.points, 'point')}.`,
    `What it discussed: ${subject}.`,
    `Here the day was about ${subject}.`,
  ]);
  // More comments than points: the community argues more than it votes, a fact no table shows.
  const debate = sum.comments > sum.points ? ` Its posts drew more comments (${count(sum.comments)}) than points (${count(sum.points)}).` : '';
  return { subreddit, focus: [{ text: text + debate, postIds: posts.map((p) => p.id) }] };
}

/** Topics of all the report's posts (day, week and month) found in two communities or more. */
function crossCutting(facts: DayFacts): Claim[] {
  const all = [...facts.byId.values()];
  return storyTopics(all)
    .map((topic) => ({ topic, posts: all.filter((p) => topic.postIds.includes(p.id)) }))
    .filter(({ posts }) => new Set(posts.map((p) => p.subreddit)).size >= 2)
    .slice(0, MAX_CROSS_CUTTING)
    .map(({ topic, posts }, i) => {
      const subreddits = listing([...new Set(posts.map((p) => `r/${p.subreddit}`))]);
      // One post per community first, so the first references a reader sees show the spread.
      const firsts = [...new Set(posts.map((p) => p.subreddit))].map((s) => posts.find((p) => p.subreddit === s)!);
      const ordered = [...firsts, ...posts.filter((p) => !firsts.includes(p))];
      return {
        text: vary(i, [
          `${named(topic)} comes up in ${subreddits}: ${plural(posts.length, 'post')} of the day, week and month.`,
          `${subreddits} share ${named(topic)}, ${plural(posts.length, 'post')} in all.`,
          `${named(topic)} reaches ${subreddits} (${plural(posts.length, 'post')}).`,
        ]),
        postIds: ordered.map((p) => p.id),
      };
    });
}

/** A topic of one community that no other community's posts anywhere in the report mention. */
function niche(facts: DayFacts, subreddit: string, posts: Post[]): Claim[] {
  const others = [...facts.byId.values()].filter((p) => p.subreddit !== subreddit);
  const own = storyTopics(posts).filter((t) => !isTautology(t, subreddit) && ![t.key, ...t.aliases.map((a) => a.toLowerCase())].some((key) => others.some((p) => mentionsTopic(p, [key]))));
  const topic = own[0];
  if (!topic) return [];
  const onTopic = posts.filter((p) => topic.postIds.includes(p.id));
  return [{ text: `${named(topic)} is r/${subreddit}'s alone: ${plural(onTopic.length, 'post')} there, none elsewhere in the report.`, postIds: onTopic.map((p) => p.id) }];
}
