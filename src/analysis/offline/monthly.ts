import type { Post } from '../../models.js';
import { byAttention, orderIn } from '../../report/rank-basis.js';
import type { MonthlyTopic } from '../compare.js';
import { entityOf, isMeme } from '../topics.js';
import type { Claim } from '../../models/analysis.js';
import { placeOf, withNumbers, type DayFacts } from './facts.js';
import { MEMES, OTHER, themeInSentence, themeOfPosts } from './stories.js';
import { count, listing, plural } from './text.js';

// Monthly Technology Evolution: which topics rose in the last 7 days and which led before, from the
// month's and week's top posts (they carry their own dates, so no history is needed); the themes by
// meaning of each stretch; and the peaks. Topics naming one entity are one ("Anthropic", "Claude" and
// "Opus" rising together is one story).

const WEEK_MS = 7 * 24 * 3_600_000;
const MAX_TOPICS = 3;
const EARLIER_LEADERS = 4;

interface MonthStory {
  label: string;
  aliases: string[];
  posts: Post[];
}

export function buildMonthly(facts: DayFacts): Claim[] {
  const posts = monthPosts(facts);
  if (posts.length === 0) return [];
  const now = Date.parse(facts.report.generatedAt);
  const isRecent = (p: Post) => now - Date.parse(p.createdAt) < WEEK_MS;
  const recent = posts.filter(isRecent);
  const earlier = posts.filter((p) => !isRecent(p));
  const stories = mergeMonthly(facts, facts.input.comparison.monthly);
  const rising = stories.filter((s) => s.posts.filter(isRecent).length * 2 > s.posts.length).slice(0, MAX_TOPICS);
  const older = stories.filter((s) => s.posts.filter(isRecent).length * 2 < s.posts.length).slice(0, MAX_TOPICS);
  const claims: Array<Claim | null> = [
    rising.length > 0 ? topicsClaim('Rising in the last 7 days', rising, isRecent) : null,
    older.length > 0 ? topicsClaim('Leading before this week', older, (p) => !isRecent(p)) : leadersClaim(facts, earlier),
    themesClaim(facts, recent, earlier),
    peakClaim(facts, recent, earlier),
  ];
  return claims.filter((c): c is Claim => c !== null);
}

/** The month's and the week's top posts, once each, in rank order. */
function monthPosts(facts: DayFacts): Post[] {
  const { week, month } = facts.report.sections;
  return [...month, ...week.filter((p) => !month.some((m) => m.id === p.id))].sort(orderIn(facts.basis, 'month'));
}

/** The comparison's monthly topics, merged when they name one entity or share posts. */
function mergeMonthly(facts: DayFacts, topics: MonthlyTopic[]): MonthStory[] {
  const merged: Array<MonthStory & { entity: string }> = [];
  for (const topic of topics) {
    const posts = topic.postIds.map((id) => facts.byId.get(id)).filter((p): p is Post => !!p);
    const into = merged.find((m) => m.entity === entityOf(topic.key) || posts.some((p) => m.posts.includes(p)));
    if (!into) {
      merged.push({ label: topic.label, aliases: [], posts, entity: entityOf(topic.key) });
      continue;
    }
    if (entityOf(topic.key) === into.entity && !topic.key.includes(' ')) into.aliases.push(topic.label);
    for (const post of posts) if (!into.posts.includes(post)) into.posts.push(post);
  }
  return merged.map((m) => ({ ...m, posts: m.posts.sort(orderIn(facts.basis, 'month')) }));
}

function topicsClaim(lead: string, stories: MonthStory[], inStretch: (p: Post) => boolean): Claim {
  // The first part says what the figures are; the others follow its form.
  const parts = stories.map((s, i) => {
    const name = `${s.label}${s.aliases.length > 0 ? ` (with ${listing(s.aliases)})` : ''}`;
    const n = s.posts.filter(inStretch).length;
    return i === 0 ? `${name}, ${count(n)} of its ${plural(s.posts.length, 'top post')} this month` : `${name}, ${count(n)} of ${count(s.posts.length)}`;
  });
  return { text: `${lead}: ${listing(parts)}.`, postIds: stories.map((s) => s.posts.find(inStretch)!.id) };
}

/** Earlier weeks without a recurring topic: their biggest stories, jokes left out. */
function leadersClaim(facts: DayFacts, earlier: Post[]): Claim | null {
  const leaders = earlier.filter((p) => !isMeme(p)).slice(0, EARLIER_LEADERS);
  const lead = leaders[0];
  if (!lead) return null;
  const led = withNumbers(facts) && lead.score !== null ? ` at ${plural(lead.score, 'point')}` : placeOf(lead, 'month') ? ` at ${placeOf(lead, 'month')}` : '';
  return { text: `Before this week no topic came back among the top posts; the biggest stories stood alone, led by one${led}.`, postIds: leaders.map((p) => p.id) };
}

/** What each stretch's top posts were about, by theme: the shift a reader looks for. */
function themesClaim(facts: DayFacts, recent: Post[], earlier: Post[]): Claim | null {
  const attention = byAttention(facts.basis);
  const describe = (posts: Post[]) => {
    const byTheme = new Map<string, Post[]>();
    for (const post of posts) {
      const theme = themeOfPosts([post]);
      if (theme !== OTHER && theme !== MEMES) byTheme.set(theme, [...(byTheme.get(theme) ?? []), post]);
    }
    // A theme of one post is an anecdote, not a lean.
    return [...byTheme.entries()].filter(([, list]) => list.length >= 2).sort((a, b) => b[1].length - a[1].length || attention(a[1], b[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, 2);
  };
  const now = describe(recent);
  const before = describe(earlier);
  if (now.length === 0 && before.length === 0) return null;
  const say = (list: Array<[string, Post[]]>, total: number) => listing(list.map(([theme, posts]) => `${themeInSentence(theme)} (${count(posts.length)} of ${count(total)})`));
  const sides = [now.length > 0 ? `this week's top posts lean to ${say(now, recent.length)}` : '', before.length > 0 ? `the earlier weeks' to ${say(before, earlier.length)}` : ''].filter(Boolean);
  return { text: `By theme, ${sides.join('; ')}.`, postIds: [...now, ...before].map(([, posts]) => posts[0]!.id) };
}

function peakClaim(facts: DayFacts, recent: Post[], earlier: Post[]): Claim | null {
  const monthTop = [...recent, ...earlier].sort(orderIn(facts.basis, 'month'))[0];
  const weekTop = recent[0];
  if (!monthTop) return null;
  if (withNumbers(facts) && monthTop.score !== null && (!weekTop || weekTop.score !== null)) {
    if (!weekTop || weekTop.id === monthTop.id) return { text: `The month's peak, ${plural(monthTop.score, 'point')}, is from the last 7 days.`, postIds: [monthTop.id] };
    return { text: `The month peaks at ${plural(monthTop.score, 'point')}, the last 7 days at ${count(weekTop.score!)}.`, postIds: [monthTop.id, weekTop.id] };
  }
  // Without numbers the peak is Reddit's first place of the month, and the week's best is told by its place.
  if (!weekTop || weekTop.id === monthTop.id) return { text: `The month's first post in Reddit's top is from the last 7 days.`, postIds: [monthTop.id] };
  const place = placeOf(weekTop, 'month');
  return { text: `The month's first post in Reddit's top came before this week${place ? `; the last 7 days' best is ${place}` : ''}.`, postIds: [monthTop.id, weekTop.id] };
}
