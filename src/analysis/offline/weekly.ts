import type { Post } from '../../models.js';
import { byRank } from '../../report/select.js';
import type { FadingTheme, TopicTrend, WeekStory } from '../compare.js';
import type { Claim, WeeklyComparison } from '../types.js';
import { numbers, totals, type DayFacts } from './facts.js';
import { count, listing, plural, quoteTitle } from './text.js';

// Weekly Trend Comparison, told from the computed comparison only. Its base is always the report itself
// (today's list against the week's list, src/analysis/compare.ts: persistent, new and fading stories), so
// the section is never empty on a fresh install; stored earlier days add movers, posts seen on several
// days and day-by-day topics. Each bucket says a pattern at most twice: more stories go in one listing.

const MAX_TOPICS = 4;
const MAX_MOVERS = 3;
const MAX_STORIES = 2;

export function buildWeekly(facts: DayFacts): WeeklyComparison {
  const { comparison } = facts.input;
  const fromReport = {
    persistent: persistentStories(facts, comparison.week.persistent),
    emerging: newStories(facts, comparison.week.new),
    fading: comparison.week.fading.slice(0, MAX_STORIES).map((theme) => fadedTheme(facts, theme)),
  };
  if (!comparison.hasHistory) return { persistent: fromReport.persistent.filter(cited), emerging: fromReport.emerging.filter(cited), fading: fromReport.fading.filter(cited) };
  // Day-by-day topics that the report's own stories already tell are left out (same posts, said once).
  const told = new Set([...fromReport.persistent, ...fromReport.emerging, ...fromReport.fading].flatMap((claim) => claim?.postIds ?? []));
  const untold = (claim: Claim | null) => cited(claim) && !claim.postIds.some((id) => told.has(id));
  return {
    persistent: [...fromReport.persistent, ...comparison.topics.persistent.slice(0, MAX_TOPICS).map((t) => persistentTopic(facts, t)).filter(untold), ...movers(facts), ...persistentPosts(facts)].filter(cited),
    emerging: [...fromReport.emerging, ...comparison.topics.emerging.slice(0, MAX_TOPICS).map((t) => emergingTopic(facts, t)).filter(untold), newEntrants(facts)].filter(cited),
    // A faded topic is cited through its earlier posts: today's report still shows some (week, month
    // lists), the others come with the comparison (earlierPosts) and are citable too.
    fading: [...fromReport.fading, ...comparison.topics.fading.slice(0, MAX_TOPICS).map((t) => fadingTopic(facts, t)).filter(untold)].filter(cited),
  };
}

function postedOn(post: Post): string {
  return post.createdAt.slice(0, 10);
}

/** Two stories in two wordings; any more in one listing. */
function persistentStories(facts: DayFacts, stories: WeekStory[]): Array<Claim | null> {
  const claims: Array<Claim | null> = stories.slice(0, MAX_STORIES).map((story, i) => {
    const today = inReport(facts, story.todayPostIds);
    const week = inReport(facts, story.weekPostIds);
    const lead = week[0];
    if (!lead || today.length === 0) return null;
    const sum = totals(today);
    const text =
      i === 0
        ? `${story.label} carries on from the week: ${plural(today.length, "of today's posts", "of today's posts")} (${numbers(sum.points, sum.comments)}) ${today.length === 1 ? 'follows' : 'follow'} ${quoteTitle(lead.title, 60)} (${plural(lead.score, 'point')}, posted ${postedOn(lead)})${week.length > 1 ? ` and ${plural(week.length - 1, 'more of the week’s top post', 'more of the week’s top posts')}` : ''}.`
        : `${story.label} is still on the agenda: today's ${quoteTitle(today[0]!.title, 60)} adds to ${plural(week.length, 'earlier top post')} of the week, led by ${quoteTitle(lead.title, 60)}.`;
    return { text, postIds: [...today, ...week.slice(0, 3)].map((p) => p.id) };
  });
  const rest = stories.slice(MAX_STORIES).filter((story) => story.todayPostIds.length > 0 && story.weekPostIds.length > 0);
  if (rest.length > 0) {
    claims.push({
      text: `Also continuing from earlier in the week: ${listing(rest.map((story) => story.label))}.`,
      postIds: rest.flatMap((story) => [story.todayPostIds[0]!, story.weekPostIds[0]!]).filter((id) => facts.byId.has(id)),
    });
  }
  return claims;
}

/** Today's new stories in one listing, biggest first: none of them is among the week's earlier top posts. */
function newStories(facts: DayFacts, stories: WeekStory[]): Array<Claim | null> {
  const leads = stories.flatMap((story) => inReport(facts, story.todayPostIds.slice(0, 1)).map((post) => ({ story, post }))).slice(0, 4);
  if (leads.length === 0) return [];
  const parts = leads.map(({ story, post }) => (story.todayPostIds.length > 1 ? `${story.label} (${plural(story.todayPostIds.length, 'post')})` : quoteTitle(post.title, 60)));
  const more = stories.length - leads.length;
  if (more > 0) parts.push(plural(more, 'smaller story', 'smaller stories'));
  return [
    {
      text: `New today, with nothing like them among the week's earlier top posts: ${listing(parts)}.`,
      postIds: leads.map(({ post }) => post.id),
    },
  ];
}

function fadedTheme(facts: DayFacts, theme: FadingTheme): Claim | null {
  const week = inReport(facts, theme.weekPostIds);
  const lead = week[0];
  if (!lead) return null;
  const sum = totals(week);
  return {
    text: `${theme.label} led earlier in the week (${plural(week.length, 'top post')}, ${numbers(sum.points, sum.comments)}, biggest ${quoteTitle(lead.title, 60)}), and none of today's posts is about it.`,
    postIds: week.map((p) => p.id),
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
  // Its posts as today's report shows them, else as the earlier report did (the comparison's earlierPosts).
  const stored = new Map(facts.input.comparison.earlierPosts.map((p) => [p.id, p]));
  const earlier = trend.earlierPostIds.flatMap((id) => facts.byId.get(id) ?? stored.get(id) ?? []);
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
