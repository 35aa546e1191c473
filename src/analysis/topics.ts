import type { Post } from '../models.js';
import { firstOfEach } from './report-posts.js';
import { isMemePost } from '../report/low-signal.js';
import { knownPoints } from '../report/rank-basis.js';

// Topics as the offline analyst and the day-to-day comparison see them: significant words of post
// titles (and flairs), shared by at least two posts. Deterministic and cheap; no model involved.

/** Words too common in AI communities (or in English) to name a topic. */
const stopwords = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can cannot could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours ' +
    "get got gets make makes made making use used using via vs like really still even much many way ways thing things something anything everything someone anyone everyone people person guy guys one two three first last next new old good great best better worse worst big small huge real actually literally finally now today yesterday week month year years time day days ever never always less lot lots know think want need needs going go goes say says said see seen look looks looking try tried trying help question questions please thanks anybody does isn't it's i'm don't can't won't didn't what's here's that's there's let's im dont cant wont didnt whats thats " +
    'ai llm llms model models reddit post posts thread discussion rsingularity localllama machinelearning'
  ).split(/\s+/),
);

/** Lower-case words of a title: letters/digits with inner dots or dashes kept (gpt-5.2, 4.6, qwen3). */
export function words(text: string): string[] {
  return (text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+(?:[.\-'’][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
}

/** The topic key of a word, or null when it names nothing: stopwords, bare numbers, fragments. */
export function topicKey(word: string): string | null {
  // At least three letters: "RAG", "MoE", "qwen3" and "gpt-5.2" name things; "4.6", "12x" and "2.0" do not.
  if (stopwords.has(word) || (word.match(/\p{L}/gu)?.length ?? 0) < 3) return null;
  // Plurals fold into the singular ("agents" → "agent"), but not words like "glass" or version tags.
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !/\d/.test(word) ? word.slice(0, -1) : word;
}

export function topicKeys(post: Pick<Post, 'title'>): Set<string> {
  const keys = new Set<string>();
  for (const word of words(post.title)) {
    const key = topicKey(word);
    if (key) keys.add(key);
  }
  return keys;
}

export interface Topic {
  key: string;
  /** How readers wrote it most often ("Seedance", "MoE"). */
  label: string;
  postIds: string[];
  /** Sum of the scores its posts have (knownPoints): how much attention the topic got; 0 when none has one (the feeds), and the tie goes to the key. */
  score: number;
}

/**
 * Topics shared by at least `minPosts` posts, strongest first (by post count, then attention). A topic
 * whose posts are all covered by a stronger one is dropped ("seedance" swallows "spaghetti" when the only
 * posts about spaghetti are Seedance posts).
 */
export function findTopics(posts: Post[], minPosts = 2): Topic[] {
  const byKey = new Map<string, { posts: Post[]; spellings: Map<string, number> }>();
  const add = (key: string, spelling: string, post: Post) => {
    const entry = byKey.get(key) ?? { posts: [], spellings: new Map<string, number>() };
    if (entry.posts.includes(post)) return;
    entry.posts.push(post);
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
    byKey.set(key, entry);
  };
  for (const post of firstOfEach(posts)) {
    const terms = (post.title.match(/[\p{L}\p{N}]+(?:[.\-'’][\p{L}\p{N}]+)*/gu) ?? []).map((original) => ({
      original,
      key: topicKey(original.toLowerCase().replace(/’/g, "'")),
    }));
    terms.forEach((term, i) => {
      if (!term.key) return;
      add(term.key, term.original, post);
      // Two significant words in a row name a thing better than either alone ("Hugging Face").
      const next = terms[i + 1];
      if (next?.key) add(`${term.key} ${next.key}`, `${term.original} ${next.original}`, post);
    });
  }
  const topics = [...byKey.entries()]
    .filter(([, entry]) => entry.posts.length >= minPosts)
    .map(([key, entry]) => ({
      key,
      label: [...entry.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0],
      postIds: entry.posts.map((p) => p.id),
      score: knownPoints(entry.posts),
    }))
    // Most posts first; on a tie the phrase beats its single words, then attention decides.
    .sort((a, b) => b.postIds.length - a.postIds.length || b.key.split(' ').length - a.key.split(' ').length || b.score - a.score || (a.key < b.key ? -1 : 1));
  const kept: Topic[] = [];
  for (const topic of topics) {
    const covered = kept.some((stronger) => topic.postIds.every((id) => stronger.postIds.includes(id)));
    if (!covered) kept.push(topic);
  }
  return kept;
}

// Themes by meaning. Flairs say how a post was filed ("Discussion"), not what it is about; topics say
// what a few posts share. Readers think in a handful of usual themes, so a small lexicon names them,
// and the names of one company's products count as one entity ("Anthropic", "Claude" and "Opus" were
// one story counted three times).

export interface ThemeRule {
  name: string;
  /** Matched against a post's title and flair. */
  pattern: RegExp;
}

/** In order of precedence: a title that names a video model is about video even if it says "release". */
const themeLexicon: readonly ThemeRule[] = [
  { name: 'Video and image generation', pattern: /\b(video|seedance|sora|veo|kling|runway|midjourney|image gen\w*|text-to-\w+|animation|anime|clips?|film|diffusion)\b/i },
  { name: 'Robotics', pattern: /\b(robot\w*|humanoids?|atlas|optimus|unitree|driverless|self-driving|autonomous (cars?|vans?|vehicles?)|waymo|robotaxi\w*)\b/i },
  { name: 'Research', pattern: /\[r\]|\b(research|paper|arxiv|state space|mamba|transformers?|benchmarks?|distillation)\b/i },
  { name: 'Hardware and local inference', pattern: /\b(vram|gpus?|igpu|cpu|nas|nvidia|amd|cuda|tok\/s|tokens\/s|quant\w*|gguf|llama\.cpp|ollama|local(ly)?|moe|kernels?|inference|memory|rtx ?\d+|\d+ ?gb)\b/i },
  { name: 'Agents, RAG and tools', pattern: /\b(agents?|agentic|rag|retrieval|embeddings?|openclaw|clawdbot|mcp|pipelines?|tool[- ]?calls?|claude code|cursor)\b/i },
  { name: 'Model releases', pattern: /\b(releases?|released|launch(es|ed)?|is out|open[- ]?(source|weights)|weights|opus|sonnet|haiku|gpt-?[\d.o]+\w*|gemini|gemma|qwen\w*|kimi|deepseek|llama ?\d[\w.]*|mistral|glm[-\w.]*|minimax|grok ?\d*)\b/i },
  { name: 'Industry and people', pattern: /\b(resign\w*|cofounders?|co-founders?|ceo|founders?|hires?|hired|layoffs?|acqui\w+|funding|series [a-f]|ipo|valuation|ads?|ad-free|company|startups?|jobs?|interviews?|salary|careers?|economics|society|policy|regulation|xai|openai|anthropic|hugging face|google|meta|microsoft|bytedance)\b/i },
];

/** Jokes, by flair or title (src/report/low-signal.ts): still shown, but ranked after the day's news. */
export function isMeme(post: Pick<Post, 'flair' | 'title'>): boolean {
  return isMemePost(post);
}

/** The usual theme a post belongs to, by its title (then its flair), or null when none fits. */
export function themeOf(post: Pick<Post, 'title' | 'flair'>): string | null {
  if (isMeme(post)) return null;
  return themeLexicon.find((rule) => rule.pattern.test(post.title))?.name ?? themeLexicon.find((rule) => post.flair && rule.pattern.test(post.flair))?.name ?? null;
}

/** Topic keys that name one entity: a company and its products. The first key names the entity. */
const entities: readonly string[][] = [
  ['anthropic', 'claude', 'opus', 'sonnet', 'haiku'],
  ['openai', 'chatgpt', 'sora', 'altman'],
  ['google', 'gemini', 'gemma', 'deepmind', 'veo'],
  ['xai', 'grok'],
  ['bytedance', 'seedance'],
  ['meta', 'llama'],
  ['alibaba', 'qwen'],
  ['moonshot', 'kimi'],
  ['openclaw', 'clawdbot'],
];

/** Every name of the entity `key` belongs to ("claude" → anthropic, claude, opus…), or `key` alone. */
export function entityNames(key: string): readonly string[] {
  return entities.find((names) => names.includes(key)) ?? [key];
}

/** The entity a topic key belongs to ("opus" → "anthropic"), or the key itself. */
export function entityOf(key: string): string {
  return entities.find((names) => names.includes(key))?.[0] ?? key;
}

/**
 * Topics that are one story, merged: those naming one entity ("Claude", "Opus") and those sharing a
 * post ("Seedance" and "Will Smith"). The merged topic keeps the label, key and order of its strongest
 * part, and the union of the posts (their score summed once each, from `posts`).
 */
export function mergeTopics(topics: Topic[], posts: Post[]): MergedTopic[] {
  const merged: Array<{ entities: Set<string>; topic: MergedTopic }> = [];
  for (const topic of topics) {
    const into = merged.find((m) => m.entities.has(entityOf(topic.key)) || topic.postIds.some((id) => m.topic.postIds.includes(id)));
    if (!into) {
      merged.push({ entities: new Set([entityOf(topic.key)]), topic: { ...topic, postIds: [...topic.postIds], aliases: [] } });
      continue;
    }
    into.entities.add(entityOf(topic.key));
    // Only other names of the thing are worth saying ("Claude", "Opus"), not words its posts share.
    if (entityOf(topic.key) === entityOf(into.topic.key) && !topic.key.includes(' ')) into.topic.aliases.push(topic.label);
    for (const id of topic.postIds) if (!into.topic.postIds.includes(id)) into.topic.postIds.push(id);
  }
  const byId = new Map(posts.map((p) => [p.id, p]));
  return merged.map(({ topic }) => ({ ...topic, score: knownPoints(topic.postIds.flatMap((id) => byId.get(id) ?? [])) }));
}

/** A topic that absorbed others: `aliases` are the other names of the same entity it took in. */
export interface MergedTopic extends Topic {
  aliases: string[];
}
