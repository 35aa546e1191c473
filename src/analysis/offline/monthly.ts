import type { Post } from '../../models.js';
import { byRank } from '../../report/select.js';
import type { MonthlyTopic } from '../compare.js';
import type { Claim } from '../types.js';
import type { DayFacts } from './facts.js';
import { count, listing, plural, quoteTitle, safeText, timeAgo } from './text.js';

// Monthly Technology Evolution: which topics and flairs led the earlier weeks of the month and which
// lead the last 7 days, from the week buckets the comparison computed (newest first) and the flairs of
// the month's and week's top posts. Needs no history: the month's posts carry their own dates.

const WEEK_MS = 7 * 24 * 3_600_000;
const MAX_TOPICS = 4;

export function buildMonthly(facts: DayFacts): Claim[] {
  const posts = monthPosts(facts);
  if (posts.length === 0) return [];
  const now = Date.parse(facts.report.generatedAt);
  const isRecent = (p: Post) => now - Date.parse(p.createdAt) < WEEK_MS;
  const recent = posts.filter(isRecent);
  const earlier = posts.filter((p) => !isRecent(p));
  return [...topicClaims(facts, recent, earlier), flairClaim(recent, earlier), peakClaim(facts, recent, earlier)].filter((c): c is Claim => c !== null);
}

/** The month's and the week's top posts, once each, in rank order. */
function monthPosts(facts: DayFacts): Post[] {
  const { week, month } = facts.report.sections;
  return [...month, ...week.filter((p) => !month.some((m) => m.id === p.id))].sort(byRank);
}

function topicClaims(facts: DayFacts, recent: Post[], earlier: Post[]): Claim[] {
  const topics = facts.input.comparison.monthly;
  const thisWeek = (t: MonthlyTopic) => t.weeks[0] ?? 0;
  const before = (t: MonthlyTopic) => t.weeks.slice(1).reduce((a, b) => a + b, 0);
  const rising = topics.filter((t) => thisWeek(t) > before(t)).slice(0, MAX_TOPICS);
  const older = topics.filter((t) => before(t) > thisWeek(t)).slice(0, MAX_TOPICS);
  const leadPost = (t: MonthlyTopic) => t.postIds.map((id) => facts.byId.get(id)).filter((p): p is Post => !!p).sort(byRank)[0];
  const cite = (list: MonthlyTopic[]) => [...new Set(list.map(leadPost).filter((p): p is Post => !!p).map((p) => p.id))];
  const claims: Claim[] = [];
  const part = (t: MonthlyTopic, n: number) => `"${t.label}" ${count(n)} of ${count(thisWeek(t) + before(t))}`;
  if (rising.length > 0) {
    claims.push({
      text: `Topics rising in the last 7 days (their top posts of this week, of all their top posts this month): ${listing(rising.map((t) => part(t, thisWeek(t))))}.`,
      postIds: cite(rising),
    });
  } else if (recent.length > 0) {
    claims.push(oneOffs('The last 7 days', recent));
  }
  if (older.length > 0) {
    claims.push({
      text: `Topics that led earlier in the month (their top posts older than a week, of all their top posts this month): ${listing(older.map((t) => part(t, before(t))))}.`,
      postIds: cite(older),
    });
  } else if (earlier.length > 0) {
    claims.push(oneOffs('The earlier weeks', earlier));
  }
  return claims;
}

/** A stretch of the month whose top posts share no recurring topic: name its biggest stories instead. */
function oneOffs(period: string, posts: Post[]): Claim {
  const leads = posts.slice(0, 2).map((p) => `${quoteTitle(p.title, 50)} (${plural(p.score, 'point')})`);
  return { text: `${period} had no recurring topic among the top posts; they were one-off stories such as ${listing(leads)}.`, postIds: posts.slice(0, 2).map((p) => p.id) };
}

function flairClaim(recent: Post[], earlier: Post[]): Claim | null {
  const describe = (posts: Post[]) => {
    const byFlair = new Map<string, Post[]>();
    for (const post of posts) {
      const flair = post.flair ? safeText(post.flair) : 'no flair';
      byFlair.set(flair, [...(byFlair.get(flair) ?? []), post]);
    }
    const top = [...byFlair.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    return { text: listing(top.map(([flair, list]) => `${flair} (${count(list.length)})`)), postIds: top.map(([, list]) => list[0]!.id) };
  };
  if (recent.length === 0 && earlier.length === 0) return null;
  const sides = [
    earlier.length > 0 ? { when: `the ${plural(earlier.length, 'top post')} older than a week`, ...describe(earlier) } : null,
    recent.length > 0 ? { when: `the ${plural(recent.length, 'top post')} of the last 7 days`, ...describe(recent) } : null,
  ].filter((s) => s !== null);
  return {
    text: `By flair, ${sides.map((s) => `${s.when} were led by ${s.text}`).join('; ')}.`,
    postIds: [...new Set(sides.flatMap((s) => s.postIds.slice(0, 1)))],
  };
}

function peakClaim(facts: DayFacts, recent: Post[], earlier: Post[]): Claim | null {
  const monthTop = [...recent, ...earlier].sort(byRank)[0];
  const weekTop = recent[0];
  if (!monthTop) return null;
  const generatedAt = facts.report.generatedAt;
  const monthText = `The month's highest-scoring post is ${quoteTitle(monthTop.title, 60)} (${plural(monthTop.score, 'point')}, posted ${timeAgo(monthTop.createdAt, generatedAt)})`;
  if (!weekTop || weekTop.id === monthTop.id) return { text: `${monthText}.`, postIds: [monthTop.id] };
  return {
    text: `${monthText}; the last 7 days peak at ${quoteTitle(weekTop.title, 60)} (${plural(weekTop.score, 'point')}).`,
    postIds: [monthTop.id, weekTop.id],
  };
}
