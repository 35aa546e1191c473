import type { Analysis } from '../models/analysis.js';
import { Bm25Index, type Bm25Document, type Bm25Field, type Bm25Hit } from './bm25.js';
import type { AnswerContext, SourcePost } from './context.js';

// Which of a thread's posts a question is about: BM25 over each post's title, flair, community, body, top
// comments and what a language model's analysis says of it, with a light prior for the posts more people
// engaged with. The offline answer lists its best hits; a model is given them as its sources, not the
// whole report (a small model reads a 3k-token prompt in a minute and a 9k one in five).

/**
 * What the analysis says about each post, so "the Qwen launch" finds the posts a highlight cites. The
 * offline analyst's sentences are our own templates around the posts' titles and numbers: indexing them
 * would match "community" or "points" in a sentence we wrote, so only its theme names count.
 */
function analysisMentions(analysis: Analysis | null | undefined): Map<string, string[]> {
  const mentions = new Map<string, string[]>();
  if (!analysis) return mentions;
  const add = (ids: string[], text: string) => ids.forEach((id) => mentions.set(id, [...(mentions.get(id) ?? []), text]));
  const s = analysis.sections;
  if (analysis.source === 'offline') {
    for (const theme of s.highlights) for (const item of theme.items) add(item.postIds, theme.theme);
    return mentions;
  }
  for (const theme of s.highlights) for (const item of theme.items) add(item.postIds, `${theme.theme}: ${item.name}. ${item.summary}`);
  for (const claim of [...s.weekly.persistent, ...s.weekly.emerging, ...s.weekly.fading, ...s.monthly]) add(claim.postIds, claim.text);
  if (s.deepDive) add([s.deepDive.postId], s.deepDive.title);
  for (const c of s.communityHighlights.communities) for (const claim of c.focus) add(claim.postIds, claim.text);
  for (const claim of [...s.communityHighlights.crossCutting, ...s.communityHighlights.niche]) add(claim.postIds, claim.text);
  return mentions;
}

export interface Fields {
  title: string;
  flair: string;
  subreddit: string;
  selftext: string;
  comments: Array<{ body: string; score: number | null }>;
  analysis: string[];
}

function fieldsOf(source: SourcePost, mentions: Map<string, string[]>): Fields {
  return {
    title: source.post.title,
    flair: source.post.flair ?? '',
    subreddit: source.post.subreddit,
    selftext: source.details?.selftext ?? '',
    comments: source.details?.topComments ?? [],
    analysis: mentions.get(source.post.id) ?? [],
  };
}

function documentOf(id: string, f: Fields): Bm25Document {
  const fields: Bm25Field[] = [
    { text: f.title, weight: 3 },
    { text: f.flair, weight: 1 },
    { text: f.subreddit, weight: 1 },
    { text: f.selftext, weight: 1 },
    ...f.comments.map((c) => ({ text: c.body, weight: 1 })),
    ...f.analysis.map((text) => ({ text, weight: 2 })),
  ];
  return { id, fields };
}

export interface Ranked {
  /** Hits best first (score with the engagement prior). */
  ranked: Bm25Hit[];
  fields: Map<string, Fields>;
  byId: Map<string, SourcePost>;
}

/** Every post of the context (the report's and the earlier reports') ranked for `question`. */
export function rankMatches(question: string, context: AnswerContext): Ranked {
  const all = [...context.sources, ...(context.past?.sources ?? [])];
  const mentions = analysisMentions(context.report.analysis);
  for (const past of context.past?.reports ?? []) for (const [id, texts] of analysisMentions(past.analysis)) mentions.set(id, [...(mentions.get(id) ?? []), ...texts]);
  const fields = new Map(all.map((s) => [s.post.id, fieldsOf(s, mentions)]));
  const index = new Bm25Index(all.map((s) => documentOf(s.post.id, fields.get(s.post.id)!)));
  const byId = new Map(all.map((s) => [s.post.id, s]));
  // Among similar matches, the post more people engaged with first: a light prior on the score, only when
  // every post has one (a post without numbers is not a post with 0 points).
  const everyScored = all.every((s) => s.post.score !== null);
  const prior = (score: number | null) => (everyScored && score !== null ? 1 + 0.15 * Math.log10(1 + Math.max(0, score)) : 1);
  const ranked = index
    .search(question)
    .map((hit) => ({ ...hit, score: hit.score * prior(byId.get(hit.id)!.post.score) }))
    .sort((a, b) => b.score - a.score);
  return { ranked, fields, byId };
}
