import type { Post } from '../../models.js';
import { byRank } from '../../report/select.js';
import type { TopicTrend } from '../compare.js';
import type { Claim, WeeklyComparison } from '../types.js';
import { numbers, totals, type DayFacts } from './facts.js';
import { count, listing, plural, quoteTitle } from './text.js';

// Weekly Trend Comparison, told from the computed comparison only: topics and posts that persist, what
// is new, what faded, and how much the persisting posts grew. Nothing here is guessed from today alone.
//
// With no stored history all three lists stay empty: the renderer then says that no earlier reports
// exist yet. A claim of ours saying the same would have to cite some post that proves nothing, and the
// renderer's sentence reads the same in every language and every analyst.

const MAX_TOPICS = 4;
const MAX_MOVERS = 3;

export function buildWeekly(facts: DayFacts): WeeklyComparison {
  const { comparison } = facts.input;
  if (!comparison.hasHistory) return { persistent: [], emerging: [], fading: [] };
  return {
    persistent: [...comparison.topics.persistent.slice(0, MAX_TOPICS).map((t) => persistentTopic(facts, t)), ...movers(facts), ...persistentPosts(facts)].filter(cited),
    emerging: [...comparison.topics.emerging.slice(0, MAX_TOPICS).map((t) => emergingTopic(facts, t)), newEntrants(facts)].filter(cited),
    // A faded topic can be cited only through its earlier posts that today's report still shows (in the
    // week or month lists); a topic with none of them left is not claimed at all.
    fading: comparison.topics.fading.slice(0, MAX_TOPICS).map((t) => fadingTopic(facts, t)).filter(cited),
  };
}

function cited(claim: Claim | null): claim is Claim {
  return claim !== null && claim.postIds.length > 0;
}

function inReport(facts: DayFacts, ids: string[]): Post[] {
  return ids.flatMap((id) => facts.byId.get(id) ?? []);
}

function days(dates: string[]): string {
  return `${dates.length === 1 ? 'the report of' : 'the reports of'} ${listing([...dates].sort())}`;
}

function persistentTopic(facts: DayFacts, trend: TopicTrend): Claim {
  const today = inReport(facts, trend.postIds);
  const sum = totals(today);
  return {
    text: `"${trend.label}" stays in focus: ${plural(today.length, 'leading post')} today (${numbers(sum.points, sum.comments)}), after appearing in ${days(trend.earlierDays)}.`,
    postIds: [...new Set([...trend.postIds, ...trend.earlierPostIds])].filter((id) => facts.byId.has(id)),
  };
}

function emergingTopic(facts: DayFacts, trend: TopicTrend): Claim {
  const today = inReport(facts, trend.postIds);
  const sum = totals(today);
  const lead = today[0];
  return {
    text: `"${trend.label}" is new: ${plural(today.length, 'leading post')} today (${numbers(sum.points, sum.comments)}) and in none of the stored reports of the previous 7 days${lead ? `; the biggest is ${quoteTitle(lead.title)}` : ''}.`,
    postIds: today.map((p) => p.id),
  };
}

function fadingTopic(facts: DayFacts, trend: TopicTrend): Claim | null {
  const earlier = inReport(facts, trend.earlierPostIds);
  if (earlier.length === 0) return null;
  return {
    text: `"${trend.label}" has faded: it was in ${days(trend.earlierDays)} (${plural(trend.earlierPostIds.length, 'post')}), but none of today's leading posts is about it.`,
    postIds: earlier.map((p) => p.id),
  };
}

function movers(facts: DayFacts): Claim[] {
  return facts.input.comparison.movers.slice(0, MAX_MOVERS).flatMap((m) => {
    const post = facts.byId.get(m.postId);
    if (!post) return [];
    const verb = m.scoreNow > m.scoreThen ? 'is still climbing' : 'has stalled';
    return [
      {
        text: `${quoteTitle(post.title)} ${verb}: since ${m.since} it went from ${count(m.scoreThen)} to ${count(m.scoreNow)} points and from ${count(m.commentsThen)} to ${count(m.commentsNow)} comments.`,
        postIds: [post.id],
      },
    ];
  });
}

/** How many of today's posts (any list) earlier reports showed already; the movers' claims say more of theirs. */
function persistentPosts(facts: DayFacts): Claim[] {
  const moverIds = new Set(facts.input.comparison.movers.slice(0, MAX_MOVERS).map((m) => m.postId));
  const entries = facts.input.comparison.persistentPosts
    .filter((p) => !moverIds.has(p.postId) && facts.byId.has(p.postId))
    .sort((a, b) => b.days - a.days || byRank(facts.byId.get(a.postId)!, facts.byId.get(b.postId)!))
    .slice(0, 3);
  if (entries.length === 0) return [];
  const all = facts.input.comparison.persistentPosts.filter((p) => facts.byId.has(p.postId)).length;
  const parts = entries.map((e) => `${quoteTitle(facts.byId.get(e.postId)!.title, 50)} (${plural(e.days, 'earlier report')})`);
  return [{ text: `${count(all)} of today's listed posts were already in earlier reports, most often ${listing(parts)}.`, postIds: entries.map((e) => e.postId) }];
}

function newEntrants(facts: DayFacts): Claim | null {
  const entrants = inReport(facts, facts.input.comparison.newEntrants);
  if (entrants.length === 0) return null;
  const week = facts.report.sections.week.length;
  const leads = entrants.slice(0, 2).map((p) => `${quoteTitle(p.title, 50)} (${plural(p.score, 'point')})`);
  return {
    text: `${count(entrants.length)} of this week's top ${count(week)} posts were in no stored report of the previous 7 days, led by ${listing(leads)}.`,
    postIds: entrants.slice(0, 3).map((p) => p.id),
  };
}
