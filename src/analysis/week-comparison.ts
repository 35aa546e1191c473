import type { Post, Report } from '../models.js';
import { byAttention, orderIn, reportBasis } from '../report/rank-basis.js';
import { DAY_MS } from '../report/windows.js';
import { movementOf } from './movement.js';
import { findTopics, topicKey } from './topics.js';

/** The days of the week before today's 24 hours: the base the week's faded themes are measured on. */
const EARLIER_DAYS = 6;

// Today's list against the week's list of the same report: which of today's stories continue the week,
// which are new, which of the week's themes faded. It needs nothing stored, so the weekly comparison
// exists from the first report on; compare.ts adds what stored earlier days tell (movers, day by day).

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
  const basis = reportBasis(report);
  const order = orderIn(basis, 'week');
  const attention = byAttention(basis);
  for (const post of [...report.sections.today].sort(orderIn(basis, 'day'))) {
    const keys = storyKeys(post);
    keys.forEach((_, key) => todayKeys.add(key));
    // The shared name with the most earlier posts names the story; a pair of words beats its single
    // words ("Brackett Dynamics"); attention breaks a tie.
    const shared = [...keys.entries()]
      .filter(([key]) => isName(key))
      .map(([key]) => ({ key, posts: postsWith(key) }))
      .filter((entry) => entry.posts.length > 0)
      .sort((a, b) => b.posts.length - a.posts.length || b.key.split(' ').length - a.key.split(' ').length || attention(a.posts, b.posts) || (a.key < b.key ? -1 : 1))[0];
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
    story.weekPostIds = [...new Set([...story.weekPostIds, ...ids])].sort((a, b) => order(earlierById.get(a)!, earlierById.get(b)!));
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
    // Today touches it when it shares the topic, or one of its words (an alias counted as its entity).
    if (todayKeys.has(topic.key) || topic.key.split(' ').some((part) => todayKeys.has(aliases[part] ?? part))) continue;
    if (fading.some((theme) => posts.every((p) => theme.weekPostIds.includes(p.id)))) continue;
    // Faded only from a real base (movement.ts): enough posts, and a share of the week worth the word.
    const measure = { recent: 0, base: posts.length / EARLIER_DAYS, basePosts: posts.length, baseShare: posts.length / earlier.length };
    if (movementOf(measure) !== 'fading') continue;
    fading.push({ label: topic.label, weekPostIds: [...posts].sort(order).map((p) => p.id) });
  }
  // Memes last among the new: a joke is new every day and says least about the week.
  const joke = (story: WeekStory) => story.todayPostIds.every((id) => /meme|funny|humou?r|shitpost/i.test(report.sections.today.find((p) => p.id === id)?.flair ?? ''));
  const ordered = [...fresher.filter((story) => !joke(story)), ...fresher.filter(joke)];
  return { persistent: [...persistent.values()], new: ordered, fading: fading.slice(0, 4) };
}
