import type { Post, Report } from '../models.js';
import { byRank } from '../report/select.js';
import { DAY_MS } from '../report/windows.js';
import { daysBefore } from '../time/day.js';
import type { HistoryDay } from './history.js';
import { dayPosts, firstOfEach, reportPosts } from './report-posts.js';
import { findTopics, topicKey, topicKeys } from './topics.js';

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
}

/** A story of today's list, told against the week's list of the same report. */
export interface WeekStory {
  /** What ties the posts together ("Seedance", "Anthropic"), or the lead post's title for a lone post. */
  label: string;
  /** Today's posts on the story, best first. */
  todayPostIds: string[];
  /** Earlier posts of the week's list on it (before today's 24 hours); empty for a new story. */
  weekPostIds: string[];
}

/** A theme of the week's earlier posts that none of today's posts is about. */
export interface FadingTheme {
  label: string;
  weekPostIds: string[];
}

/**
 * Today against the week, from the report alone: it always holds the week's top posts, so section 2 is
 * never empty, on a fresh install too.
 */
export interface WeekComparison {
  /** Today's stories that also lead the week. */
  persistent: WeekStory[];
  /** Today's stories absent from the week's earlier posts. */
  new: WeekStory[];
  /** The week's themes absent today. */
  fading: FadingTheme[];
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
}

const WEEK_SPAN = 7;

export function compareWithHistory(report: Report, history: HistoryDay[]): Comparison {
  const lastWeek = history.filter((day) => day.date >= daysBefore(report.date, WEEK_SPAN) && day.report);
  const topics = history.length === 0 ? { persistent: [], emerging: [], fading: [] } : compareTopics(report, lastWeek);
  return {
    basis: history.length > 0 ? 'history' : 'report',
    week: compareWithWeek(report),
    hasHistory: history.length > 0,
    earlierDates: history.map((day) => day.date),
    movers: findMovers(report, history),
    newEntrants: history.length === 0 ? [] : findNewEntrants(report, lastWeek),
    persistentPosts: findPersistentPosts(report, lastWeek),
    topics,
    monthly: monthlyTopics(report),
    earlierPosts: citedEarlierPosts(report, lastWeek, topics),
  };
}

function citedEarlierPosts(report: Report, lastWeek: HistoryDay[], topics: Comparison['topics']): Post[] {
  const inReport = new Set(reportPosts(report).map((p) => p.id));
  const wanted = new Set([...topics.persistent, ...topics.fading].flatMap((t) => t.earlierPostIds).filter((id) => !inReport.has(id)));
  // The newest stored copy of each (lastWeek is newest first): its latest known numbers.
  return firstOfEach(lastWeek.flatMap((day) => (day.report ? reportPosts(day.report) : [])).filter((p) => wanted.has(p.id)));
}

// Names of one company's models fold into the company: "Claude Opus 4.6 is out" and "Anthropic declared
// a plan" are one story. Small on purpose: only entities whose products carry other names.
const aliases: Record<string, string> = {
  claude: 'anthropic',
  opus: 'anthropic',
  sonnet: 'anthropic',
  haiku: 'anthropic',
  chatgpt: 'openai',
  gpt: 'openai',
  sora: 'openai',
  gemini: 'google',
  deepmind: 'google',
  grok: 'xai',
  qwen: 'alibaba',
  llama: 'meta',
};

interface StoryWord {
  /** How the title spelt it. */
  spelling: string;
  /** Written like a name: capitalised inside the title, mixed case (MoE, xAI) or with a digit (qwen3). */
  nameLike: boolean;
  /** Starts with a capital letter (at the start of a title too). */
  capitalised: boolean;
}

/**
 * A post's significant words and pairs of words, aliases folded into their entity ("Claude Opus" is
 * Anthropic), possessives dropped ("Quillwork's" is Quillwork).
 */
function storyKeys(post: Post): Map<string, StoryWord> {
  const keys = new Map<string, StoryWord>();
  const words = (post.title.match(/[\p{L}\p{N}]+(?:[.\-'’][\p{L}\p{N}]+)*/gu) ?? []).map((original, i) => {
    const bare = original.replace(/['’]s$/i, '');
    const key = topicKey(bare.toLowerCase());
    const family = key ? (aliases[key] ?? aliases[key.split(/[-.]/)[0]!]) : undefined;
    const nameLike = (i > 0 && /^\p{Lu}/u.test(bare)) || /.\p{Lu}/u.test(bare) || (/\p{N}/u.test(bare) && /\p{L}/u.test(bare));
    return key ? { key: family ?? key, spelling: family ? entityName(family) : bare, nameLike: nameLike || Boolean(family), capitalised: /^\p{Lu}/u.test(bare) } : null;
  });
  const add = (key: string, word: StoryWord) => {
    const known = keys.get(key);
    if (!known) keys.set(key, word);
    else {
      known.nameLike ||= word.nameLike;
      known.capitalised ||= word.capitalised;
    }
  };
  words.forEach((word, i) => {
    if (!word) return;
    add(word.key, { spelling: word.spelling, nameLike: word.nameLike, capitalised: word.capitalised });
    const next = words[i + 1];
    if (next && next.key !== word.key) add(`${word.key} ${next.key}`, { spelling: `${word.spelling} ${next.spelling}`, nameLike: word.nameLike || next.nameLike, capitalised: word.capitalised });
  });
  return keys;
}

const entityNames: Record<string, string> = { anthropic: 'Anthropic', openai: 'OpenAI', google: 'Google', xai: 'xAI', alibaba: 'Alibaba', meta: 'Meta' };
function entityName(entity: string): string {
  return entityNames[entity] ?? entity;
}

/**
 * Today's list against the week's list of the same report. The week's list holds today's posts too;
 * only its earlier posts (older than today's 24 hours) count as "the week". A today's post sharing a
 * name (a capitalised word, a version tag, an alias of one entity) with an earlier week post continues
 * that story; common words ("benchmark") do not make a story. A post sharing none is new; a theme of two
 * or more earlier posts that no today's post touches, and that belongs to no continuing story, has faded.
 */
export function compareWithWeek(report: Report): WeekComparison {
  const todayIds = new Set(report.sections.today.map((p) => p.id));
  const since = Date.parse(report.generatedAt) - DAY_MS;
  const earlier = report.sections.week.filter((p) => !todayIds.has(p.id) && Date.parse(p.createdAt) <= since);
  const earlierKeys = earlier.map((post) => ({ post, keys: storyKeys(post) }));
  const earlierById = new Map(earlier.map((p) => [p.id, p]));
  const postsWith = (key: string) => earlierKeys.filter((e) => e.keys.has(key)).map((e) => e.post);
  // A name is written like one somewhere, or capitalised in two titles at least ("Seedance 2 pulled",
  // "Seedance 2.0 Generates…": a title's first word is capitalised anyway).
  const pool = [...earlierKeys.map((e) => e.keys), ...report.sections.today.map(storyKeys)];
  const isName = (key: string) => pool.some((keys) => keys.get(key)?.nameLike) || pool.filter((keys) => keys.get(key)?.capitalised).length >= 2;

  const persistent = new Map<string, WeekStory>();
  const fresh: Array<{ post: Post; keys: Map<string, StoryWord> }> = [];
  const todayKeys = new Set<string>();
  for (const post of [...report.sections.today].sort(byRank)) {
    const keys = storyKeys(post);
    keys.forEach((_, key) => todayKeys.add(key));
    // The shared name with the most earlier posts names the story; a pair of words beats its single
    // words ("Brackett Dynamics"); attention breaks a tie.
    const shared = [...keys.entries()]
      .filter(([key]) => isName(key))
      .map(([key]) => ({ key, posts: postsWith(key) }))
      .filter((entry) => entry.posts.length > 0)
      .sort((a, b) => b.posts.length - a.posts.length || b.key.split(' ').length - a.key.split(' ').length || sum(b.posts) - sum(a.posts) || (a.key < b.key ? -1 : 1))[0];
    if (!shared) {
      fresh.push({ post, keys });
      continue;
    }
    // A story already told through other words of the same earlier posts ("Lumenfold's Tessera 2",
    // "Tessera 2 rebuilds…" both continue "Lumenfold announces Tessera 2") takes this post too.
    const ids = shared.posts.map((p) => p.id);
    const story = persistent.get(shared.key) ??
      [...persistent.values()].find((known) => known.weekPostIds.some((id) => ids.includes(id))) ?? { label: keys.get(shared.key)!.spelling, todayPostIds: [], weekPostIds: [] };
    story.todayPostIds.push(post.id);
    story.weekPostIds = [...new Set([...story.weekPostIds, ...ids])].sort((a, b) => byRank(earlierById.get(a)!, earlierById.get(b)!));
    if (!persistent.has(shared.key) && ![...persistent.values()].includes(story)) persistent.set(shared.key, story);
  }

  // New posts sharing a word among themselves are one new story.
  const fresher: WeekStory[] = [];
  const placed = new Set<string>();
  for (const { post, keys } of fresh) {
    if (placed.has(post.id)) continue;
    // The name this post shares with most of the other new posts ("Tessera" in two new Tessera posts).
    const unplaced = fresh.filter((other) => other.post !== post && !placed.has(other.post.id));
    const common = [...keys.keys()]
      .filter(isName)
      .map((key) => ({ key, mates: unplaced.filter((other) => other.keys.has(key)) }))
      .filter((entry) => entry.mates.length > 0)
      .sort((a, b) => b.mates.length - a.mates.length || b.key.split(' ').length - a.key.split(' ').length)[0];
    const members = [post, ...(common?.mates.map((m) => m.post) ?? [])];
    members.forEach((p) => placed.add(p.id));
    fresher.push({ label: common ? keys.get(common.key)!.spelling : post.title, todayPostIds: members.map((p) => p.id), weekPostIds: [] });
  }

  const continuing = new Set([...persistent.values()].flatMap((story) => story.weekPostIds));
  const fading: FadingTheme[] = [];
  for (const topic of findTopics(earlier)) {
    const posts = earlier.filter((p) => topic.postIds.includes(p.id));
    if (posts.every((p) => continuing.has(p.id))) continue;
    const keys = posts.map((p) => storyKeys(p));
    if (topic.key.split(' ').some((part) => todayKeys.has(aliases[part] ?? part)) || keys.some((k) => [...k.keys()].some((key) => key === topic.key && todayKeys.has(key)))) continue;
    if (fading.some((theme) => posts.every((p) => theme.weekPostIds.includes(p.id)))) continue;
    fading.push({ label: topic.label, weekPostIds: [...posts].sort(byRank).map((p) => p.id) });
  }
  // Memes last among the new: a joke is new every day and says least about the week.
  const joke = (story: WeekStory) => story.todayPostIds.every((id) => /meme|funny|humou?r|shitpost/i.test(report.sections.today.find((p) => p.id === id)?.flair ?? ''));
  const ordered = [...fresher.filter((story) => !joke(story)), ...fresher.filter(joke)];
  return { persistent: [...persistent.values()], new: ordered, fading: fading.slice(0, 4) };
}

function sum(posts: Post[]): number {
  return posts.reduce((total, p) => total + p.score, 0);
}

function findMovers(report: Report, history: HistoryDay[]): Mover[] {
  const movers: Mover[] = [];
  for (const post of reportPosts(report)) {
    // The most recent earlier snapshot that saw the post.
    const day = history.find((d) => d.snapshot?.posts.some((p) => p.id === post.id));
    const then = day?.snapshot?.posts.find((p) => p.id === post.id);
    if (!day || !then || (then.score === post.score && then.numComments === post.numComments)) continue;
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
      postIds: today.filter(onTopic).sort(byRank).map((p) => p.id),
      earlierDays: earlier.filter((day) => day.posts.some(onTopic)).map((day) => day.date),
      earlierPostIds: [...new Set(allEarlierPosts.filter(onTopic).map((p) => p.id))],
    };
    if (trend.postIds.length > 0 && trend.earlierDays.length > 0) persistent.push(trend);
    else if (trend.postIds.length > 0) emerging.push(trend);
    else if (trend.earlierDays.length > 0) fading.push(trend);
  }
  return { persistent: persistent.slice(0, 6), emerging: emerging.slice(0, 6), fading: fading.slice(0, 6) };
}

function monthlyTopics(report: Report): MonthlyTopic[] {
  const now = Date.parse(report.generatedAt);
  const posts = [...report.sections.month, ...report.sections.week.filter((p) => !report.sections.month.some((m) => m.id === p.id))];
  return findTopics(posts)
    .slice(0, 8)
    .map((topic) => {
      const weeks = [0, 0, 0, 0, 0];
      for (const post of posts.filter((p) => topic.postIds.includes(p.id))) {
        const week = Math.min(4, Math.floor((now - Date.parse(post.createdAt)) / (WEEK_SPAN * DAY_MS)));
        weeks[week] = (weeks[week] ?? 0) + 1;
      }
      return { key: topic.key, label: topic.label, weeks, postIds: topic.postIds };
    });
}

/** True when a post's title touches any of the given topic keys (for themes and follow-ups). */
export function mentionsTopic(post: Post, keys: Iterable<string>): boolean {
  const own = topicKeys(post);
  for (const key of keys) if (key.split(' ').every((part) => own.has(part))) return true;
  return false;
}
