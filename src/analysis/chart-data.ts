import type { Post, Report } from '../models.js';
import { hasLiveNumbers } from '../report/rank-basis.js';
import { selectSections } from '../report/select.js';
import { DAY_MS } from '../report/windows.js';
import { displayText } from '../text/clean.js';
import { truncateUnits, truncateVisible } from '../text/visible.js';
import type { HistoryDay } from './history.js';
import { ledgerOf, movementOf } from './movement.js';
import { reportPosts } from './report-posts.js';
import { entityOf, findTopics, topicKey, type Topic } from './topics.js';
import { formatCount } from '../text/count.js';
import { escapeRegExp } from '../text/regexp.js';

// The numbers behind the one chart of the morning post and `/trends week`, computed once from stored
// data and drawn by each target its own way (a PNG, Slack's native chart, Unicode bars). Honest by
// construction: every value is a sum over posts the report or a stored snapshot holds, per 24-hour day
// ending at the report's hour (so "today" is the same 24 hours as the report's "today"), nothing
// interpolated, and a note says when fewer than 7 days are stored.
//
// One unit for the whole chart, never one per day (chartUnit):
//   points   the sum of the posts' scores, when every post of the 7 days has Reddit's own numbers (the API);
//   posts    otherwise (a day from the public feeds, which give no points, or numbers an archive took
//            later): how many posts made the reports' top lists (today, week, month, communities), a unit
//            every source has. The lists are the same size in every mode, so a day from the API and a
//            day from the feeds count alike; the chart says which unit it shows and why.

export const CHART_DAYS = 7;
/** Slack's data_visualization limits: ≤ 6 series, labels and names ≤ 20 characters, title ≤ 50. */
const CHART_TOPICS = 5;
export const CHART_LABEL_MAX = 20;
const CHART_COMMUNITIES = 6;
const MOVERS_MAX = 2;
/** Stored days before today a movement needs: fewer, and the base is only the week's top lists. */
const MIN_STORED_BASE_DAYS = 2;
/** Discord's limit for an attachment's description (the alt text). */
export const ALT_TEXT_MAX = 1024;

export interface ChartSeries {
  /** Cleaned for display (no ping, no bare link), at most 20 characters. */
  name: string;
  /** One value per category. */
  values: number[];
  /**
   * One of today's movers (momentum) — drawn marked on every target. Only from a real base, on the one
   * rule of movement.ts ("new" topics, with nothing before, are never marked rising).
   */
  rising: boolean;
}

/** What the values count: Reddit's points, or posts in the reports' top lists (chartUnit). */
export type ChartUnit = 'points' | 'posts';

export interface ChartData {
  /** Topic momentum over 7 days, or (with too little data for that) communities today against their average. */
  kind: 'topic-momentum' | 'community-today';
  /** The unit of every value, the same for every day of the chart. */
  unit: ChartUnit;
  title: string;
  /** Days ("Feb 11") or communities ("r/LocalLLaMA"), oldest day first. */
  categories: string[];
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  /** What a reader must know to read it right (history shorter than 7 days). */
  notes: string[];
  /** The chart in words: alt text, screen readers, notifications; at most 1,024 characters. */
  altText: string;
  /** The 7 days the chart covers: from (exclusive) … to (inclusive), ISO 8601 UTC. */
  window: { from: string; to: string };
  /** Of the 7 days, how many the store had (today's report included). */
  daysStored: number;
}

export interface ChartDataOptions {
  /** How topics are found (by default the keyword clusters of topics.ts, one series per story). */
  topics?: (posts: Post[]) => Topic[];
}

const count = (n: number) => formatCount(n);
/** Averages of a few posts a day keep one decimal (0.4 is not 0); points are whole. */
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** How each unit reads in titles (Slack: ≤ 50 characters), axes and the alt text. */
const unitWords = {
  points: {
    plural: 'points',
    attention: 'attention',
    perDay: 'points per day',
    momentumTitle: 'Topic momentum, last 7 days',
    communityTitle: 'Points per community: today vs 7-day average',
    yPerDay: 'Points per day',
    yCommunity: 'Points',
    amount: (n: number) => `${count(n)} points`,
    average: (n: number) => count(n),
    rounded: (n: number) => Math.round(n),
  },
  posts: {
    plural: 'posts in the top lists',
    attention: 'posts in the top lists',
    perDay: "posts in the reports' top lists per day",
    momentumTitle: 'Topic momentum in top-list posts, 7 days',
    communityTitle: 'Top-list posts per community: today vs avg',
    yPerDay: 'Posts in the top lists per day',
    yCommunity: 'Posts in the top lists',
    amount: (n: number) => `${count(n)} ${n === 1 ? 'post' : 'posts'} in the top lists`,
    average: (n: number) => formatCount(n, { decimals: 1 }),
    rounded: oneDecimal,
  },
} as const;
const dayLabel = (end: number) => new Date(end).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A label from outside (a topic's spelling, a community) as chart text: cleaned, short (Slack counts UTF-16 units). */
function chartLabel(text: string): string {
  return truncateUnits(displayText(text), CHART_LABEL_MAX) || '?';
}

/**
 * Every post known for the 7 days, once, with its newest score: the report's own lists first (today's
 * numbers), then each stored day's snapshot (and its report where no snapshot was kept), newest first.
 */
function knownPosts(report: Report, history: HistoryDay[]): Post[] {
  const byId = new Map<string, Post>();
  const add = (posts: Iterable<Post>) => {
    for (const post of posts) if (!byId.has(post.id)) byId.set(post.id, post);
  };
  add(reportPosts(report));
  for (const day of [...history].sort((a, b) => (a.date < b.date ? 1 : -1))) add(day.snapshot?.posts ?? (day.report ? reportPosts(day.report) : []));
  return [...byId.values()];
}

/**
 * Every post of the 7 days's top lists, once: the report's own lists, then each stored day's (its report,
 * or the lists its snapshot gives when no report was kept), newest first.
 */
function listedPosts(report: Report, history: HistoryDay[]): Post[] {
  const byId = new Map<string, Post>();
  const add = (posts: Iterable<Post>) => {
    for (const post of posts) if (!byId.has(post.id)) byId.set(post.id, post);
  };
  add(reportPosts(report));
  for (const day of [...history].sort((a, b) => (a.date < b.date ? 1 : -1))) {
    if (day.report) add(reportPosts(day.report));
    else if (day.snapshot) add(reportPosts({ sections: selectSections(day.snapshot.posts, new Date(day.snapshot.takenAt)) }));
  }
  return [...byId.values()];
}

/**
 * The unit of the whole chart: points only when every post it could count has Reddit's own numbers (a
 * day stored from the feeds, or an archive's later count, beside a day from the API would mix two units).
 */
export function chartUnit(report: Report, known: readonly Post[]): ChartUnit {
  return !report.source?.numbersMissing && known.every(hasLiveNumbers) ? 'points' : 'posts';
}

/** Why the chart counts posts, for its notes. */
function postsUnitNote(report: Report): string {
  const why = report.source?.numbersMissing
    ? "Reddit's public feeds give no points"
    : 'some days of the week come from Reddit\'s public feeds (no points) or an archive';
  return `Counted in posts that made the reports' top lists, not points: ${why}.`;
}

/** The chart of `report` over the stored `history` (loadHistory's days, and today's snapshot if kept), or null when there is nothing to draw. */
export function chartData(report: Report, history: HistoryDay[], options: ChartDataOptions = {}): ChartData | null {
  const end = Date.parse(report.generatedAt);
  const start = end - CHART_DAYS * DAY_MS;
  const dayEnds = Array.from({ length: CHART_DAYS }, (_, i) => end - (CHART_DAYS - 1 - i) * DAY_MS);
  const dayOf = (post: Post) => {
    const created = Date.parse(post.createdAt);
    // Day i is the 24 hours (start + i days, start + i + 1 days]: the same half-open windows as the report's.
    return created > start && created <= end ? Math.ceil((created - start) / DAY_MS) - 1 : -1;
  };
  const known = knownPosts(report, history).filter((post) => dayOf(post) >= 0);
  const unit = chartUnit(report, known);
  const posts = unit === 'points' ? known : listedPosts(report, history).filter((post) => dayOf(post) >= 0);
  if (posts.length === 0) return null;
  const words = unitWords[unit];

  const earliest = new Date(start).toISOString().slice(0, 10);
  const stored = new Set(history.filter((day) => day.date > earliest && day.date < report.date && (day.snapshot || day.report)).map((day) => day.date));
  const daysStored = Math.min(CHART_DAYS, stored.size + 1);
  const notes = [
    ...(unit === 'posts' ? [postsUnitNote(report)] : []),
    ...(daysStored < CHART_DAYS
      ? [
          daysStored === 1
            ? `No earlier day is stored yet: the days before today count only the posts that made this week's or this month's top lists.`
            : `Only ${daysStored} of the last ${CHART_DAYS} days are stored: the other days count only the posts that made this week's or this month's top lists.`,
        ]
      : []),
  ];
  const hour = new Date(end).toISOString().slice(11, 16);
  const window = { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
  // A post weighs its points, or 1 (it made a top list): one unit for every day (chartUnit).
  const weight = (post: Post) => (unit === 'points' && post.score !== null ? post.score : 1);
  const pointsBy = (subset: Post[]) => {
    const values = new Array<number>(CHART_DAYS).fill(0);
    for (const post of subset) values[dayOf(post)]! += weight(post);
    return values;
  };
  const byId = new Map(posts.map((post) => [post.id, post]));

  const topics = (options.topics ?? storyTopics)(posts)
    .map((topic) => ({ topic, values: pointsBy(topic.postIds.flatMap((id) => byId.get(id) ?? [])) }))
    .map((entry) => ({ ...entry, total: entry.values.reduce((a, b) => a + b, 0) }))
    .filter((entry) => entry.total > 0)
    .sort((a, b) => b.total - a.total || (a.topic.key < b.topic.key ? -1 : 1))
    .slice(0, CHART_TOPICS);
  const daysWithPoints = pointsBy(posts).filter((v) => v > 0).length;

  if (topics.length > 0 && daysWithPoints >= 2) {
    // Today's movers, on the one rule of movement.ts: a real base (posts on the 6 days before, a share of
    // their attention, days that were stored), and never a topic the report's analysis calls fading.
    const rise = (values: number[]) => values[CHART_DAYS - 1]! - values.slice(0, -1).reduce((a, b) => a + b, 0) / (CHART_DAYS - 1);
    const allBase = pointsBy(posts).slice(0, -1).reduce((a, b) => a + b, 0);
    const baseKnown = daysStored - 1 >= MIN_STORED_BASE_DAYS;
    const said = ledgerOf(report.analysis?.movements ?? []);
    const movementOfEntry = (entry: (typeof topics)[number]) => {
      const ids = new Set(entry.topic.postIds);
      const basePosts = posts.filter((post) => ids.has(post.id) && dayOf(post) < CHART_DAYS - 1).length;
      const before = entry.values.slice(0, -1).reduce((a, b) => a + b, 0);
      return movementOf({ recent: entry.values[CHART_DAYS - 1]!, base: before / (CHART_DAYS - 1), basePosts, baseShare: allBase > 0 ? before / allBase : 0, baseKnown });
    };
    const movers = topics
      .filter((entry) => movementOfEntry(entry) === 'rising' && !said.contradicts(entry.topic.label, 'rising'))
      .sort((a, b) => rise(b.values) - rise(a.values))
      .slice(0, MOVERS_MAX);
    const fresh = topics.filter((entry) => movementOfEntry(entry) === 'new' && !said.contradicts(entry.topic.label, 'new'));
    const names = uniqueNames(topics.map((entry) => chartLabel(entry.topic.label)));
    const series = topics.map((entry, i): ChartSeries => ({ name: names[i]!, values: entry.values, rising: movers.includes(entry) }));
    const categories = dayEnds.map(dayLabel);
    const moverWords = movers.map((m) => {
      const before = (m.values.reduce((a, b) => a + b, 0) - m.values[CHART_DAYS - 1]!) / (CHART_DAYS - 1);
      return `${names[topics.indexOf(m)]} (${words.amount(m.values[CHART_DAYS - 1]!)} in the last 24 hours, against an average of ${words.average(before)} a day over the 6 days before)`;
    });
    const altText = [
      `Line chart: ${words.perDay} of the ${topics.length === 1 ? 'top topic' : `${topics.length} topics with the most ${words.attention}`} over the 7 days to ${report.date} ${hour} UTC (each day the 24 hours to ${hour} UTC).`,
      movers.length > 0 ? `Rising today: ${moverWords.join('; ')}.` : baseKnown ? 'No topic rose well above its daily average today.' : 'Too few days are stored to say which topic is rising.',
      ...(fresh.length > 0 ? [`New today, with nothing on it the 6 days before: ${fresh.map((entry) => names[topics.indexOf(entry)]).join(', ')}.`] : []),
      `Week totals${unit === 'posts' ? ` (${words.plural})` : ''}: ${topics.map((entry, i) => `${names[i]} ${count(entry.total)}`).join(', ')}.`,
      ...notes,
    ].join(' ');
    return {
      kind: 'topic-momentum',
      unit,
      title: words.momentumTitle,
      categories,
      xLabel: `Day (24 hours to ${hour} UTC)`,
      yLabel: words.yPerDay,
      series,
      notes,
      altText: truncateVisible(altText, ALT_TEXT_MAX),
      window,
      daysStored,
    };
  }

  // Too little for momentum (no shared topic, or every post on one day): each community's points in
  // the last 24 hours against its daily average over the 7 days.
  const communities = [...new Set(posts.map((post) => post.subreddit))]
    .map((subreddit) => {
      const values = pointsBy(posts.filter((post) => post.subreddit === subreddit));
      return { subreddit, today: values[CHART_DAYS - 1]!, average: values.reduce((a, b) => a + b, 0) / CHART_DAYS };
    })
    .sort((a, b) => b.today - a.today || b.average - a.average || (a.subreddit < b.subreddit ? -1 : 1))
    .slice(0, CHART_COMMUNITIES);
  const categories = uniqueNames(communities.map((c) => chartLabel(`r/${c.subreddit}`)));
  const altText = [
    `Bar chart: each community's ${words.plural} in the 24 hours to ${report.date} ${hour} UTC against its daily average over the 7 days.`,
    `${communities.map((c, i) => `${categories[i]} ${count(c.today)} today, ${words.average(c.average)} a day on average`).join('; ')}.`,
    ...notes,
  ].join(' ');
  return {
    kind: 'community-today',
    unit,
    title: words.communityTitle,
    categories,
    xLabel: 'Community',
    yLabel: words.yCommunity,
    series: [
      { name: 'Last 24 hours', values: communities.map((c) => c.today), rising: false },
      { name: '7-day daily average', values: communities.map((c) => words.rounded(c.average)), rising: false },
    ],
    notes,
    altText: truncateVisible(altText, ALT_TEXT_MAX),
    window,
    daysStored,
  };
}

/** Names made distinct (Slack refuses two series of one name): a repeat gains " (2)". */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${truncateUnits(name, CHART_LABEL_MAX - 4)} (${n})`;
  });
}

/**
 * The keyword clusters, one series per entity: Anthropic, Claude and Opus are one line, not three. Only
 * names of one entity are merged here (not topics that merely share a post), so a line never takes in
 * posts about something else.
 */
function storyTopics(posts: Post[]): Topic[] {
  const byId = new Map(posts.map((post) => [post.id, post]));
  const byEntity = new Map<string, Topic>();
  for (const found of findTopics(posts)) {
    // A name's line counts only the posts that write it as a name: "Face" takes "Hugging Face", not "face photos".
    const topic = { ...found, postIds: found.postIds.filter((id) => namesIt(byId.get(id)?.title ?? '', found.label)) };
    if (topic.postIds.length < 2) continue;
    const entity = entityOf(topic.key);
    const into = byEntity.get(entity);
    if (!into) byEntity.set(entity, { ...topic, postIds: [...topic.postIds] });
    else for (const id of topic.postIds) if (!into.postIds.includes(id)) into.postIds.push(id);
  }
  return [...byEntity.values()].map((topic) => ({ ...topic, label: legendName(phraseLabel(topic.label, topic.postIds.flatMap((id) => byId.get(id)?.title ?? []))) }));
}

/** A legend entry starts with a capital, as the others do: "agent" is "Agent"; "gpt-5.2" keeps its form. */
function legendName(label: string): string {
  return /^\p{Ll}+$/u.test(label) ? label[0]!.toUpperCase() + label.slice(1) : label;
}

/**
 * Whether `title` uses the word of a capitalised label as that name. Only a plain lower-case use inside a
 * sentence-case title says it does not ("from face photos", "open-source code"); a title's first word and a
 * title in Title Case say nothing either way, and a lower-case label (a common noun) takes every post.
 */
export function namesIt(title: string, label: string): boolean {
  if (label === label.toLowerCase()) return true;
  const escaped = escapeRegExp(label);
  const uses = [...title.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'))];
  const words = title.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  const titleCase = words.length > 1 && words.slice(1).filter((w) => w[0] !== w[0]!.toLowerCase()).length >= 0.6 * (words.length - 1);
  return uses.length === 0 || titleCase || uses.some((use) => use.index === title.search(/\p{L}/u) || use[0] !== use[0].toLowerCase());
}

/**
 * A one-word label grown into the phrase every title writes it in: "Face" is "Hugging Face" and "Code"
 * is "Claude Code" when each of the topic's titles says so. A word that varies keeps the label as it is.
 */
export function phraseLabel(label: string, titles: string[]): string {
  if (titles.length === 0 || label.includes(' ')) return label;
  const escaped = escapeRegExp(label);
  const before = titles.map((title) => new RegExp(`(\\p{Lu}[\\p{L}\\p{N}]*)\\s+${escaped}(?![\\p{L}\\p{N}])`, 'u').exec(title)?.[1]);
  const first = before[0];
  // Only a word that names something itself ("Hugging", "Claude"), not "The" or "New".
  return first && topicKey(first.toLowerCase()) && before.every((word) => word === first) ? `${first} ${label}` : label;
}
