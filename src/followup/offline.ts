import type { Analysis } from '../analysis/types.js';
import { note, paragraph, type Inline, type Reply, type ReplyBlock } from '../reply.js';
import { oneLine } from '../text/visible.js';
import { Bm25Index, type Bm25Document, type Bm25Field } from './bm25.js';
import type { AnswerContext, SourcePost } from './context.js';
import { tokenize } from './tokenize.js';

// The answer without Claude: the report's posts that best match the question's words (BM25 over titles,
// flairs, bodies, top comments and what the analysis says about each post), each with a link and one
// line on why it matched. Always a useful reply, never an error.

export const OFFLINE_RESULTS = 5;
const SNIPPET_CHARS = 140;

export type OfflineReason = 'no-claude' | 'claude-failed';

export interface OfflineAnswer {
  reply: Reply;
  plainText: string;
}

const n = (value: number) => value.toLocaleString('en-US');

/** What the analysis says about each post, so "the Qwen launch" finds the posts a highlight cites. */
function analysisMentions(analysis: Analysis | null | undefined): Map<string, string[]> {
  const mentions = new Map<string, string[]>();
  if (!analysis) return mentions;
  const add = (ids: string[], text: string) => ids.forEach((id) => mentions.set(id, [...(mentions.get(id) ?? []), text]));
  const s = analysis.sections;
  for (const theme of s.highlights) for (const item of theme.items) add(item.postIds, `${theme.theme}: ${item.name}. ${item.summary}`);
  for (const claim of [...s.weekly.persistent, ...s.weekly.emerging, ...s.weekly.fading, ...s.monthly]) add(claim.postIds, claim.text);
  if (s.deepDive) add([s.deepDive.postId], s.deepDive.title);
  for (const c of s.communityHighlights.communities) for (const claim of c.focus) add(claim.postIds, claim.text);
  for (const claim of [...s.communityHighlights.crossCutting, ...s.communityHighlights.niche]) add(claim.postIds, claim.text);
  return mentions;
}

interface Fields {
  title: string;
  flair: string;
  subreddit: string;
  selftext: string;
  comments: Array<{ body: string; score: number }>;
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

/** The first sentence of `text` holding one of `terms`, cut to a snippet. */
function sentenceWith(text: string, terms: string[]): string | undefined {
  const sentences = oneLine(text).split(/(?<=[.!?])\s+/);
  const hit = sentences.find((s) => tokenize(s).some((t) => terms.includes(t)));
  if (!hit) return undefined;
  return hit.length <= SNIPPET_CHARS ? hit : `${hit.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`;
}

/** One line on why a post matched: the words in its title, or a quote from its body or a comment. */
function reason(f: Fields, matched: string[]): string {
  const inTitle = matched.filter((t) => tokenize(f.title).includes(t));
  if (inTitle.length > 0) return `the title matches ${inTitle.slice(0, 4).map((t) => `“${t}”`).join(', ')}`;
  const body = sentenceWith(f.selftext, matched);
  if (body) return `the post says: “${body}”`;
  for (const comment of [...f.comments].sort((a, b) => b.score - a.score)) {
    const quote = sentenceWith(comment.body, matched);
    if (quote) return `a top comment (${n(comment.score)} points) says: “${quote}”`;
  }
  const said = f.analysis.map((text) => sentenceWith(text, matched)).find(Boolean);
  if (said) return `the analysis says: “${said}”`;
  if (matched.some((t) => tokenize(f.subreddit).includes(t))) return `posted in r/${f.subreddit}`;
  if (f.flair && matched.some((t) => tokenize(f.flair).includes(t))) return `flaired “${f.flair}”`;
  return `it mentions ${matched.slice(0, 3).map((t) => `“${t}”`).join(', ')}`;
}

function postLine(index: number, source: SourcePost, why: string, reportDate: string): ReplyBlock {
  const { post } = source;
  const from = source.reportDate !== reportDate ? `, from the ${source.reportDate} report` : '';
  const spans: Inline[] = [
    { text: `${index}. ` },
    { text: post.title, url: post.url },
    { text: ` (r/${post.subreddit}, ${n(post.score)} points, ${n(post.numComments)} comments${from}): ${why}` },
  ];
  return paragraph(...spans);
}

export function offlineAnswer(question: string, context: AnswerContext, why: OfflineReason): OfflineAnswer {
  const date = context.report.date;
  const all = [...context.sources, ...(context.past?.sources ?? [])];
  const mentions = analysisMentions(context.report.analysis);
  for (const past of context.past?.reports ?? []) for (const [id, texts] of analysisMentions(past.analysis)) mentions.set(id, [...(mentions.get(id) ?? []), ...texts]);
  const fields = new Map(all.map((s) => [s.post.id, fieldsOf(s, mentions)]));
  const index = new Bm25Index(all.map((s) => documentOf(s.post.id, fields.get(s.post.id)!)));
  const byId = new Map(all.map((s) => [s.post.id, s]));
  // Among similar matches, the post more people engaged with first: a light prior on the score.
  const hits = index
    .search(question)
    .map((hit) => ({ ...hit, score: hit.score * (1 + 0.15 * Math.log10(1 + Math.max(0, byId.get(hit.id)!.post.score))) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, OFFLINE_RESULTS);

  const blocks: ReplyBlock[] = [];
  if (why === 'claude-failed') blocks.push(note('Claude could not answer just now, so this is an offline answer: the posts that best match your question.'));
  if (context.past && context.past.reports.length === 0) {
    blocks.push(note(`There are no stored reports for ${context.past.scope.label}, so this covers only the ${date} report.`));
  }
  const lines: string[] = [];
  if (hits.length > 0) {
    const scope = context.past && context.past.reports.length > 0 ? `the ${date} report and earlier ones (${context.past.scope.label})` : `the ${date} report`;
    blocks.push(paragraph(`Posts in ${scope} that best match your question:`));
    hits.forEach((hit, i) => {
      const source = byId.get(hit.id)!;
      const line = reason(fields.get(hit.id)!, hit.matched);
      blocks.push(postLine(i + 1, source, line, date));
      lines.push(`${source.post.title} (${source.post.url}): ${line}`);
    });
  } else {
    const top = context.report.sections.today.slice(0, 3);
    blocks.push(paragraph(`No post in the ${date} report matches those words.${top.length ? ' The top posts of the day:' : ''}`));
    top.forEach((post, i) => {
      const source = byId.get(post.id) ?? { post, reportDate: date, placements: [] };
      blocks.push(postLine(i + 1, source, `#${i + 1} today`, date));
      lines.push(`${post.title} (${post.url})`);
    });
  }
  const plainText = `Offline answer (posts matching the question): ${lines.join('; ') || 'none'}`;
  return { reply: { blocks }, plainText };
}
