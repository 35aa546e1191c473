import type { Post, Report } from '../models.js';
import { hasLiveNumbers, orderIn, reportBasis } from '../report/rank-basis.js';
import { DAY_MS } from '../report/windows.js';
import { daysBefore } from '../time/day.js';
import type { HistoryDay } from './history.js';
import { dayPosts, firstOfEach, reportPosts } from './report-posts.js';
import { MovementLedger, movementOf, type Movement, type MovementMeasure, type MovementVerdict } from './movement.js';
import { findTopics, topicKeys } from './topics.js';
import { compareWithWeek, type WeekComparison } from './week-comparison.js';

export { compareWithWeek, type FadingTheme, type WeekComparison, type WeekStory } from './week-comparison.js';

// The day-to-day comparison, computed from stored data before any model sees it: which posts and topics
// persist, which are new, which faded, and how scores and comments grew. The analyst (Claude or the
// offline one) explains these facts; it never has to guess them.

export interface Mover {
  postId: string;
  /** The earlier day the numbers are compared with. */
  since: string;
  scoreThen: number;
  scoreNow: number;
  commentsThen: number;
  commentsNow: number;
}

export interface TopicTrend {
  key: string;
  label: string;
  /** Posts of today's report on the topic (empty for a fading topic). */
  postIds: string[];
  /** Earlier days (of the last 7) whose report had the topic. */
  earlierDays: string[];
  /** Posts of earlier reports on the topic (for fading topics: where it was). */
  earlierPostIds: string[];
}

export interface MonthlyTopic {
  key: string;
  label: string;
  /** Posts on the topic in each week of the month, newest week first (4 full weeks + 2 days). */
  weeks: number[];
  postIds: string[];
  /**
   * The last 7 days against the weeks before (movement.ts); absent when the base is too thin to say, or
   * when the day's comparison said the opposite of the topic (a report never says both).
   */
  movement?: Movement;
}

export interface Comparison {
  /**
   * What the comparison rests on: "history" when earlier stored days add movers and day-by-day facts,
   * "report" when only the report's own week list is compared with today's (a fresh install).
   */
  basis: 'history' | 'report';
  /** Today against the week's list: computed from the report, whatever is stored. */
  week: WeekComparison;
  /** False when no earlier day is stored: movers and day-by-day topics are then empty. */
  hasHistory: boolean;
  earlierDates: string[];
  /** Today's posts that gained most since an earlier snapshot. */
  movers: Mover[];
  /** Posts in today's week list that were in no earlier report of the last 7 days. */
  newEntrants: string[];
  /** Posts of today's report (any list) that were already in earlier reports, with on how many days. */
  persistentPosts: Array<{ postId: string; days: number }>;
  topics: { persistent: TopicTrend[]; emerging: TopicTrend[]; fading: TopicTrend[] };
  /** Topics of the month's and week's top posts by week of posting (needs no history). */
  monthly: MonthlyTopic[];
  /**
   * Posts of earlier stored reports that the comparison cites (a faded topic's posts) and today's report
   * does not hold: the analyst is given their titles, and grounding accepts them as sources.
   */
  earlierPosts: Post[];
  /**
   * Every topic the comparison calls new, rising or fading, once, on one rule (movement.ts): the words the
   * analysis may use of a topic, and no topic both ways.
   */
  movements: MovementVerdict[];
}

const WEEK_SPAN = 7;
/** The month's days before the last 7: the base of the month's movements, in weeks. */
const EARLIER_MONTH_WEEKS = 23 / 7;

export function compareWithHistory(report: Report, history: HistoryDay[]): Comparison {
  const lastWeek = history.filter((day) => day.date >= daysBefore(report.date, WEEK_SPAN) && day.report);
  const found = history.length === 0 ? { persistent: [], emerging: [], fading: [] } : compareTopics(report, lastWeek);
  // The day's verdicts first, then the month's: a topic faded today is not "rising this month" too.
  const ledger = new MovementLedger();
  const ofWeek = compareWithWeek(report);
  const week = {
    ...ofWeek,
    // A lone new post is named by its title, not a topic: it claims no movement of one.
    new: ofWeek.new.filter((story) => story.todayPostIds.length === 1 || ledger.claim({ topic: story.label, movement: 'new', scale: 'day' })),
    fading: ofWeek.fading.filter((theme) => ledger.claim({ topic: theme.label, movement: 'fading', scale: 'day' })),
  };
  const topics = {
    persistent: found.persistent,
    emerging: found.emerging.filter((trend) => ledger.claim({ topic: trend.label, movement: 'new', scale: 'day' })),
    fading: found.fading.filter((trend) => ledger.claim({ topic: trend.label, movement: 'fading', scale: 'day' })),
  };
  const monthly = monthlyTopics(report).map((topic) => {
    const { movement, ...rest } = topic;
    return movement && ledger.claim({ topic: topic.label, movement, scale: 'month' }) ? topic : rest;
  });
  return {
    basis: history.length > 0 ? 'history' : 'report',
    week,
    hasHistory: history.length > 0,
    earlierDates: history.map((day) => day.date),
    movers: findMovers(report, history),
    newEntrants: history.length === 0 ? [] : findNewEntrants(report, lastWeek),
    persistentPosts: findPersistentPosts(report, lastWeek),
    topics,
    monthly,
    earlierPosts: citedEarlierPosts(report, lastWeek, topics),
    movements: ledger.entries(),
  };
}

function citedEarlierPosts(report: Report, lastWeek: HistoryDay[], topics: Comparison['topics']): Post[] {
  const inReport = new Set(reportPosts(report).map((p) => p.id));
  const wanted = new Set([...topics.persistent, ...topics.fading].flatMap((t) => t.earlierPostIds).filter((id) => !inReport.has(id)));
  // The newest stored copy of each (lastWeek is newest first): its latest known numbers.
  return firstOfEach(lastWeek.flatMap((day) => (day.report ? reportPosts(day.report) : [])).filter((p) => wanted.has(p.id)));
}

function findMovers(report: Report, history: HistoryDay[]): Mover[] {
  const movers: Mover[] = [];
  for (const post of reportPosts(report)) {
    // The most recent earlier snapshot that saw the post.
    const day = history.find((d) => d.snapshot?.posts.some((p) => p.id === post.id));
    const then = day?.snapshot?.posts.find((p) => p.id === post.id);
    if (!day || !then || (then.score === post.score && then.numComments === post.numComments)) continue;
    // A move needs Reddit's numbers on both days: a feeds day has none, and an archived count was taken
    // at another moment than a live one.
    if (!hasLiveNumbers(then) || !hasLiveNumbers(post)) continue;
    movers.push({ postId: post.id, since: day.date, scoreThen: then.score, scoreNow: post.score, commentsThen: then.numComments, commentsNow: post.numComments });
  }
  return movers.sort((a, b) => b.scoreNow - b.scoreThen - (a.scoreNow - a.scoreThen) || (a.postId < b.postId ? -1 : 1)).slice(0, 5);
}

function findNewEntrants(report: Report, lastWeek: HistoryDay[]): string[] {
  const seen = new Set(lastWeek.flatMap((day) => (day.report ? reportPosts(day.report).map((p) => p.id) : [])));
  return report.sections.week.filter((post) => !seen.has(post.id)).map((post) => post.id);
}

function findPersistentPosts(report: Report, lastWeek: HistoryDay[]): Array<{ postId: string; days: number }> {
  // Any list counts: 24-hour windows never overlap, so staying power shows in the week and month lists.
  return reportPosts(report)
    .map((post) => ({ postId: post.id, days: lastWeek.filter((day) => day.report && reportPosts(day.report).some((p) => p.id === post.id)).length }))
    .filter((entry) => entry.days > 0)
    .sort((a, b) => b.days - a.days || (a.postId < b.postId ? -1 : 1));
}

function compareTopics(report: Report, lastWeek: HistoryDay[]): Comparison['topics'] {
  const today = dayPosts(report);
  const earlier = lastWeek.map((day) => ({ date: day.date, posts: dayPosts(day.report!) }));
  const allEarlierPosts = earlier.flatMap((day) => day.posts);
  // Topics are found over today and the earlier days together, so one topic key means the same on both sides.
  const topics = findTopics([...today, ...allEarlierPosts]);
  const persistent: TopicTrend[] = [];
  const emerging: TopicTrend[] = [];
  const fading: TopicTrend[] = [];
  for (const topic of topics) {
    const onTopic = (post: Post) => topic.postIds.includes(post.id);
    const trend: TopicTrend = {
      key: topic.key,
      label: topic.label,
      postIds: today.filter(onTopic).sort(orderIn(reportBasis(report), 'day')).map((p) => p.id),
      earlierDays: earlier.filter((day) => day.posts.some(onTopic)).map((day) => day.date),
      earlierPostIds: [...new Set(allEarlierPosts.filter(onTopic).map((p) => p.id))],
    };
    if (trend.postIds.length > 0 && trend.earlierDays.length > 0) persistent.push(trend);
    else if (trend.postIds.length > 0) emerging.push(trend);
    // Faded only from a real base: enough earlier posts, and a share of the earlier days worth the word.
    else if (trend.earlierDays.length > 0 && movementOf(fadedMeasure(trend, lastWeek.length, allEarlierPosts.length)) === 'fading') fading.push(trend);
  }
  return { persistent: persistent.slice(0, 6), emerging: emerging.slice(0, 6), fading: fading.slice(0, 6) };
}

/** A topic of earlier days that today's posts lack, as a measure of movement: nothing now, its posts a day before. */
function fadedMeasure(trend: TopicTrend, earlierDays: number, earlierPosts: number): MovementMeasure {
  const posts = trend.earlierPostIds.length;
  return { recent: 0, base: posts / Math.max(1, earlierDays), basePosts: posts, baseShare: posts / Math.max(1, earlierPosts) };
}

function monthlyTopics(report: Report): MonthlyTopic[] {
  const now = Date.parse(report.generatedAt);
  const posts = [...report.sections.month, ...report.sections.week.filter((p) => !report.sections.month.some((m) => m.id === p.id))];
  const weekOf = (post: Post) => Math.min(4, Math.floor((now - Date.parse(post.createdAt)) / (WEEK_SPAN * DAY_MS)));
  const earlierPosts = posts.filter((p) => weekOf(p) > 0).length;
  return findTopics(posts)
    .slice(0, 8)
    .map((topic) => {
      const weeks = [0, 0, 0, 0, 0];
      for (const post of posts.filter((p) => topic.postIds.includes(p.id))) weeks[weekOf(post)]! += 1;
      const movement = monthMovement(weeks, earlierPosts);
      return { key: topic.key, label: topic.label, weeks, postIds: topic.postIds, ...(movement ? { movement } : {}) };
    });
}

/** The last 7 days of a monthly topic against its weeks before (posts per week), on the one rule. */
export function monthMovement(weeks: readonly number[], earlierPosts: number): Movement | undefined {
  const before = weeks.slice(1).reduce((a, b) => a + b, 0);
  return movementOf({ recent: weeks[0] ?? 0, base: before / EARLIER_MONTH_WEEKS, basePosts: before, baseShare: before / Math.max(1, earlierPosts) });
}

/** True when a post's title touches any of the given topic keys (for themes and follow-ups). */
export function mentionsTopic(post: Post, keys: Iterable<string>): boolean {
  const own = topicKeys(post);
  for (const key of keys) if (key.split(' ').every((part) => own.has(part))) return true;
  return false;
}
