import type { Post } from '../../models.js';
import { orderIn } from '../../report/rank-basis.js';
import type { FadingTheme, TopicTrend, WeekStory } from '../compare.js';
import { entityOf, themeOf, topicKey } from '../topics.js';
import type { Claim, WeeklyComparison } from '../../models/analysis.js';
import { numbers, placeOf, totals, withNumbers, type DayFacts } from './facts.js';
import { themeInSentence } from './stories.js';
import { count, listing, plural } from './text.js';

// Weekly Trend Comparison, told from the computed comparison only. Its base is always the report itself
// (today's list against the week's list, src/analysis/compare.ts: persistent, new and fading stories), so
// the section is never empty on a fresh install; stored earlier days add movers, posts seen on several
// days and day-by-day topics. Each bucket says a pattern at most twice: more stories go in one listing.
// Like the rest of the briefing it names stories, never quotes a title: a post is cited by its number,
// and its title, numbers and link are shown once, in the references (src/reply/analysis.ts).

const MAX_TOPICS = 4;
const MAX_MOVERS = 3;
const MAX_STORIES = 2;

export function buildWeekly(facts: DayFacts): WeeklyComparison {
  const { comparison } = facts.input;
  const fromReport = {
    persistent: persistentStories(facts, comparison.week.persistent),
    emerging: newStories(facts, comparison.week.new),
    fading: comparison.week.fading.slice(0, MAX_STORIES).map((theme, i) => fadedTheme(facts, theme, i)),
  };
  if (!comparison.hasHistory) return { persistent: fromReport.persistent.filter(cited), emerging: fromReport.emerging.filter(cited), fading: fromReport.fading.filter(cited) };
  // Day-by-day topics that the report's own stories already tell are left out (same posts, said once).
  const told = new Set([...fromReport.persistent, ...fromReport.emerging, ...fromReport.fading].flatMap((claim) => claim?.postIds ?? []));
  const untold = (ids: string[]) => ids.length > 0 && !ids.some((id) => told.has(id));
  const topics = comparison.topics;
  return {
    persistent: [...fromReport.persistent, ...persistentTopics(facts, topics.persistent.slice(0, MAX_TOPICS).filter((t) => untold(persistentIds(facts, t)))), ...movers(facts), ...persistentPosts(facts)].filter(cited),
    emerging: [...fromReport.emerging, ...emergingTopics(facts, topics.emerging.slice(0, MAX_TOPICS).filter((t) => untold(inReport(facts, t.postIds).map((p) => p.id)))), newEntrants(facts)].filter(cited),
    // A faded topic is cited through its earlier posts: today's report still shows some (week, month
    // lists), the others come with the comparison (earlierPosts) and are citable too.
    fading: [...fromReport.fading, ...fadingTopics(facts, topics.fading.slice(0, MAX_TOPICS).filter((t) => untold(fadedPosts(facts, t).map((p) => p.id))))].filter(cited),
  };
}

/** `before` + "#3 in Reddit's top this week" + `after`, or '' when the post has no place in a top list. */
function placed(post: Post, list: 'day' | 'week' | 'month', before: string, after = ''): string {
  const place = placeOf(post, list);
  return place ? `${before}${place}${after}` : '';
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
    // Without numbers the week's lead is named by its place in Reddit's list of the week.
    const counted = withNumbers(facts) && lead.score !== null;
    const leadPost = counted ? `the week's ${count(lead.score!)}-point post of ${postedOn(lead)}` : `the week's post of ${postedOn(lead)}${placed(lead, 'week', ' (', ')')}`;
    const biggest = counted ? `, the biggest at ${plural(lead.score!, 'point')}` : placed(lead, 'week', ', the first at ');
    const text =
      i === 0
        ? `${story.label} carries on from the week: ${plural(today.length, "of today's posts", "of today's posts")}${withNumbers(facts) ? ` (${numbers(sum.points, sum.comments)})` : ''} ${today.length === 1 ? 'follows' : 'follow'} ${leadPost}${week.length > 1 ? ` and ${plural(week.length - 1, 'more of its top posts', 'more of its top posts')}` : ''}.`
        : `${story.label} is still on the agenda: ${today.length === 1 ? 'one post today adds' : `${count(today.length)} posts today add`} to ${plural(week.length, 'earlier top post')} of the week${biggest}.`;
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

/**
 * A lone post named without its title (section 1 shows that already): the first word of the title
 * written like a name ("xAI", "MoE", "Gemma 4" read as "Gemma") or naming a known product ("Kimi").
 */
function postName(post: Post): string | null {
  const words = post.title.match(/[\p{L}\p{N}]+(?:[.\-'’][\p{L}\p{N}]+)*/gu) ?? [];
  const found = words.find((word, i) => {
    const key = topicKey(word.toLowerCase());
    if (!key || /^\p{N}/u.test(word)) return false;
    return /.\p{Lu}/u.test(word) || (i > 0 && /^\p{Lu}/u.test(word)) || entityOf(key) !== key;
  });
  return found?.replace(/['’]s$/i, '') ?? null;
}

/** Today's new stories in one listing, biggest first: none of them is among the week's earlier top posts. */
function newStories(facts: DayFacts, stories: WeekStory[]): Array<Claim | null> {
  const leads = stories.flatMap((story) => inReport(facts, story.todayPostIds.slice(0, 1)).map((post) => ({ story, post }))).slice(0, 4);
  if (leads.length === 0) return [];
  // Stories of several posts by their label, lone posts by a name in their title (together), else by theme.
  const several: string[] = [];
  const names: string[] = [];
  const themed: string[] = [];
  let unnamed = stories.length - leads.length;
  for (const { story, post } of leads) {
    const name = postName(post);
    const theme = themeOf(post);
    if (story.todayPostIds.length > 1) several.push(`${story.label} (${plural(story.todayPostIds.length, 'post')})`);
    else if (name) names.push(name);
    else if (theme) themed.push(`a post on ${themeInSentence(theme)}`);
    else unnamed++;
  }
  const parts = [...several, ...(names.length > 0 ? [`${names.length === 1 ? 'a post' : 'posts'} on ${listing(names)}`] : []), ...themed];
  const list = parts.length === 0 ? plural(unnamed, 'post') : `${listing(parts)}${unnamed > 0 ? `, plus ${count(unnamed)} more` : ''}`;
  return [
    {
      text: `New today, with nothing like them among the week's earlier top posts: ${list}.`,
      postIds: leads.map(({ post }) => post.id),
    },
  ];
}

function fadedTheme(facts: DayFacts, theme: FadingTheme, n: number): Claim | null {
  const week = inReport(facts, theme.weekPostIds);
  const lead = week[0];
  if (!lead) return null;
  const sum = totals(week);
  const counted = withNumbers(facts) && lead.score !== null;
  const text =
    n === 0
      ? `${theme.label} led earlier in the week (${plural(week.length, 'top post')}${counted ? `, ${numbers(sum.points, sum.comments)}, the biggest at ${plural(lead.score!, 'point')}` : placed(lead, 'week', ', the first at ')}), and none of today's posts is about it.`
      : counted
        ? `${theme.label} too drew ${plural(sum.points, 'point')} in ${plural(week.length, 'earlier top post')} of the week and is absent today.`
        : `${theme.label} too had ${plural(week.length, 'earlier top post')} of the week and is absent today.`;
  return { text, postIds: week.map((p) => p.id) };
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

/** Two topics in sentences of their own, in two wordings; any more named in one listing. */
function inTwoWordings(trends: TopicTrend[], one: (trend: TopicTrend, n: number) => Claim | null, rest: (labels: string) => string, restIds: (trend: TopicTrend) => string[]): Claim[] {
  const claims = trends.slice(0, 2).map((trend, n) => one(trend, n));
  const more = trends.slice(2);
  if (more.length > 0) claims.push({ text: rest(listing(more.map((t) => `"${t.label}"`))), postIds: more.flatMap((t) => restIds(t).slice(0, 1)) });
  return claims.filter(cited);
}

function persistentIds(facts: DayFacts, trend: TopicTrend): string[] {
  return [...new Set([...trend.postIds, ...trend.earlierPostIds])].filter((id) => facts.byId.has(id));
}

function persistentTopics(facts: DayFacts, trends: TopicTrend[]): Claim[] {
  return inTwoWordings(
    trends,
    (trend, n) => {
      const today = inReport(facts, trend.postIds);
      const sum = totals(today);
      const text =
        n === 0
          ? `"${trend.label}" stays in focus: ${plural(today.length, 'leading post')} today${withNumbers(facts) ? ` (${numbers(sum.points, sum.comments)})` : ''}, after appearing in ${days(trend.earlierDays)}.`
          : `"${trend.label}" holds on as well, in ${days(trend.earlierDays)} and with ${plural(today.length, 'post')} today.`;
      return { text, postIds: persistentIds(facts, trend) };
    },
    (labels) => `Also back from earlier days: ${labels}.`,
    (trend) => persistentIds(facts, trend),
  );
}

function emergingTopics(facts: DayFacts, trends: TopicTrend[]): Claim[] {
  return inTwoWordings(
    trends,
    (trend, n) => {
      const today = inReport(facts, trend.postIds);
      const sum = totals(today);
      const lead = today[0];
      const text =
        n === 0
          ? withNumbers(facts)
            ? `"${trend.label}" is new: ${plural(today.length, 'leading post')} today (${numbers(sum.points, sum.comments)}) and in none of the stored reports of the previous 7 days${lead && lead.score !== null ? `, the biggest at ${plural(lead.score, 'point')}` : ''}.`
            : `"${trend.label}" is new: ${plural(today.length, 'leading post')} today and in none of the stored reports of the previous 7 days${lead ? placed(lead, 'day', ', the first at ') : ''}.`
          : `No stored day of the week had "${trend.label}" either, which leads ${plural(today.length, 'post')} today.`;
      return { text, postIds: today.map((p) => p.id) };
    },
    (labels) => `Other topics new against the stored days: ${labels}.`,
    (trend) => inReport(facts, trend.postIds).map((p) => p.id),
  );
}

/** A faded topic's posts as today's report shows them, else as the earlier report did (the comparison's earlierPosts). */
function fadedPosts(facts: DayFacts, trend: TopicTrend): Post[] {
  const stored = new Map(facts.input.comparison.earlierPosts.map((p) => [p.id, p]));
  return trend.earlierPostIds.flatMap((id) => facts.byId.get(id) ?? stored.get(id) ?? []);
}

function fadingTopics(facts: DayFacts, trends: TopicTrend[]): Claim[] {
  return inTwoWordings(
    trends,
    (trend, n) => {
      const earlier = fadedPosts(facts, trend);
      if (earlier.length === 0) return null;
      const text =
        n === 0
          ? `"${trend.label}" has faded: it was in ${days(trend.earlierDays)} (${plural(trend.earlierPostIds.length, 'post')}), but none of today's leading posts is about it.`
          : `Gone as well is "${trend.label}", last seen in ${days(trend.earlierDays)}.`;
      return { text, postIds: earlier.map((p) => p.id) };
    },
    (labels) => `Further topics of earlier days missing today: ${labels}.`,
    (trend) => fadedPosts(facts, trend).map((p) => p.id),
  );
}

/** Each mover opens its own way: the same opening three times reads as a form. */
const moverOpenings = ['The biggest mover', 'Another post', 'A third'] as const;

function movers(facts: DayFacts): Claim[] {
  return facts.input.comparison.movers.slice(0, MAX_MOVERS).flatMap((m, i) => {
    const post = facts.byId.get(m.postId);
    if (!post) return [];
    const verb = m.scoreNow > m.scoreThen ? 'is still climbing' : 'has stalled';
    return [
      {
        text: `${moverOpenings[i] ?? 'One more'} ${verb}: since ${m.since} it went from ${count(m.scoreThen)} to ${count(m.scoreNow)} points and from ${count(m.commentsThen)} to ${count(m.commentsNow)} comments.`,
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
    .sort((a, b) => b.days - a.days || orderIn(facts.basis, 'day')(facts.byId.get(a.postId)!, facts.byId.get(b.postId)!))
    .slice(0, 3);
  if (entries.length === 0) return [];
  const all = facts.input.comparison.persistentPosts.filter((p) => facts.byId.has(p.postId)).length;
  const most = entries[0]!.days;
  return [{ text: `${count(all)} of today's listed posts were already in earlier reports${most > 1 ? `, the most persistent in ${count(most)} of them` : ''}.`, postIds: entries.map((e) => e.postId) }];
}

function newEntrants(facts: DayFacts): Claim | null {
  const entrants = inReport(facts, facts.input.comparison.newEntrants);
  if (entrants.length === 0) return null;
  const week = facts.report.sections.week.length;
  const leads = entrants.slice(0, 2);
  // Led by posts at their points, or without numbers at their places in Reddit's list of the week.
  const counted = withNumbers(facts) && leads.every((p) => p.score !== null);
  const places = leads.flatMap((p) => (counted ? [count(p.score!)] : p.topRank?.week !== undefined ? [`#${p.topRank.week}`] : []));
  const unit = counted ? ' points' : " in Reddit's top this week";
  const led = places.length === 0 ? '' : `, led by ${places.length === 1 ? `one at ${places[0]}${unit}` : `posts at ${listing(places)}${unit}`}`;
  return {
    text: `${count(entrants.length)} of this week's top ${count(week)} posts were in no stored report of the previous 7 days${led}.`,
    postIds: entrants.slice(0, 3).map((p) => p.id),
  };
}
