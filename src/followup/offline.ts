import type { Analysis } from '../models/analysis.js';
import { note, paragraph, type Inline, type Reply, type ReplyBlock } from '../reply/reply.js';
import { sentences } from '../analysis/offline/text.js';
import { byCommentScore } from '../models.js';
import { reportBasis } from '../report/rank-basis.js';
import { NUMBERS_MISSING, rankWords, standingOf, standingWords } from '../report/standing.js';
import { oneLine } from '../text/visible.js';
import { Bm25Index, type Bm25Document, type Bm25Field } from './bm25.js';
import type { AnswerContext, SourcePost } from './context.js';
import { tokenize } from './tokenize.js';
import { formatCount } from '../text/count.js';

// The answer without Claude: one line that answers (the best-matching post and what it says), then the
// report's posts that match the question's words (BM25 over titles, flairs, bodies, top comments and
// what a language model's analysis says about each post), each with a link and why it matched. Posts
// that match far worse than the best one are left out. Always a useful reply, never an error.

export const OFFLINE_RESULTS = 5;
/** A hit scoring below this share of the best one matched a side word only ("community", a flair). */
const RELATIVE_CUT = 0.4;
const SNIPPET_CHARS = 140;

/** Why the answer is offline: no model is configured, or the named model failed just now (and why, when it helps). */
export type OfflineReason = 'no-claude' | { failed: string; why?: string };

export interface OfflineAnswer {
  reply: Reply;
  plainText: string;
}

/** ", 1,660 points, 260 comments" or ", #3 in Reddit's top today": what is known of a post, never "unknown points". */
function standing(post: SourcePost['post']): string {
  const words = standingWords(standingOf(post));
  return words ? `, ${words}` : '';
}

/**
 * "How many upvotes does it have?", "how popular is it?", "number of comments": a question about counts,
 * which a report from the public feeds cannot answer.
 */
const asksForNumbers =
  /\bhow\s+(?:many|much)\b[^?.!]*\b(?:up-?votes?|points?|votes?|comments?|replies|karma)\b|\bup-?votes?\b|\b(?:comment|vote|point)\s+counts?\b|\bnumber\s+of\s+(?:up-?votes?|votes|points|comments|replies)\b|\bhow\s+popular\b/i;

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

interface Fields {
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

/** The sentence of `text` holding the most of `terms` (the first on a tie), cut to a snippet. */
function sentenceWith(text: string, terms: string[]): string | undefined {
  let hit: string | undefined;
  let most = 0;
  for (const sentence of sentences(oneLine(text))) {
    const found = new Set(tokenize(sentence).filter((t) => terms.includes(t))).size;
    if (found > most) [hit, most] = [sentence.trim(), found];
  }
  if (!hit) return undefined;
  return hit.length <= SNIPPET_CHARS ? hit : `${hit.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`;
}

/** What the post's body or best comments say with the question's words, quoted; undefined if nothing. */
function quoteWith(f: Fields, matched: string[]): string | undefined {
  const body = sentenceWith(f.selftext, matched);
  if (body) return `the post says: “${body}”`;
  for (const comment of [...f.comments].sort(byCommentScore)) {
    const quote = sentenceWith(comment.body, matched);
    if (quote) return `a top comment${comment.score === null ? '' : ` (${formatCount(comment.score)} points)`} says: “${quote}”`;
  }
  return undefined;
}

/** One line on why a post matched: the words in its title, or a quote from its body or a comment. */
function reason(f: Fields, matched: string[]): string {
  const inTitle = matched.filter((t) => tokenize(f.title).includes(t));
  if (inTitle.length > 0) return `the title matches ${inTitle.slice(0, 4).map((t) => `“${t}”`).join(', ')}`;
  const quote = quoteWith(f, matched);
  if (quote) return quote;
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
    { text: ` (r/${post.subreddit}${standing(post)}${from}): ${why}` },
  ];
  return paragraph(...spans);
}

/** The answer in one line: the best-matching post, linked, and why it answers. */
function answerLine(best: SourcePost, why: string, scope: string, matches: number, reportDate: string): ReplyBlock {
  const { post } = best;
  const from = best.reportDate !== reportDate ? `, from the ${best.reportDate} report` : '';
  const lead = matches === 1 ? `One post in ${scope} matches: ` : `Best match in ${scope}: `;
  const end = /[.!?…”]$/.test(why) ? '' : '.';
  return paragraph(lead, { text: post.title, url: post.url, strong: true }, ` (r/${post.subreddit}${standing(post)}${from}): ${why}${end}`);
}

export function offlineAnswer(question: string, context: AnswerContext, why: OfflineReason): OfflineAnswer {
  const date = context.report.date;
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
  const hits = ranked.filter((hit) => hit.score >= RELATIVE_CUT * ranked[0]!.score).slice(0, OFFLINE_RESULTS);

  const blocks: ReplyBlock[] = [];
  if (why !== 'no-claude') blocks.push(note(`${why.failed} could not answer just now${why.why ? ` (${why.why})` : ''}, so this is an offline answer: the posts that best match your question.`));
  if (context.past && context.past.reports.length === 0) {
    blocks.push(note(`There are no stored reports for ${context.past.scope.label}, so this covers only the ${date} report.`));
  }
  const lines: string[] = [];
  const missing = asksForNumbers.test(question) ? numbersMissingLine(hits.map((hit) => byId.get(hit.id)!), context) : undefined;
  if (missing) {
    blocks.push(missing.block);
    lines.push(missing.text);
  }
  if (hits.length > 0) {
    const scope = context.past && context.past.reports.length > 0 ? `the ${date} report and earlier ones (${context.past.scope.label})` : `the ${date} report`;
    const reasons = hits.map((hit) => reason(fields.get(hit.id)!, hit.matched));
    // The opening line answers with what the best post says, when its body or comments say it.
    const best = fields.get(hits[0]!.id)!;
    blocks.push(answerLine(byId.get(hits[0]!.id)!, quoteWith(best, hits[0]!.matched) ?? reasons[0]!, scope, hits.length, date));
    if (hits.length > 1) blocks.push(paragraph(`The ${hits.length} posts that best match your question:`));
    hits.forEach((hit, i) => {
      const source = byId.get(hit.id)!;
      if (hits.length > 1) blocks.push(postLine(i + 1, source, reasons[i]!, date));
      lines.push(`${source.post.title} (${source.post.url}): ${reasons[i]}`);
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

/**
 * The answer to "how many upvotes…?" when the post it is about has no numbers: they are not available
 * from the public feeds, and its place in Reddit's top list is what is known. Undefined when the best
 * match has its numbers (the answer line gives them) or, with no match, when the report has them.
 */
function numbersMissingLine(matches: SourcePost[], context: AnswerContext): { block: ReplyBlock; text: string } | undefined {
  const best = matches[0];
  const unknown = best ? best.post.score === null || best.post.numComments === null : reportBasis(context.report) === 'reddit-order';
  if (!unknown) return undefined;
  const sentence = `${NUMBERS_MISSING.charAt(0).toUpperCase()}${NUMBERS_MISSING.slice(1)}`;
  const rank = best ? standingOf(best.post).rank : undefined;
  if (!best) return { block: paragraph(`${sentence}.`), text: `${sentence}.` };
  const place = rank ? ` is ${rankWords(rank)}` : ' has no place in a top list that the report knows';
  return {
    block: paragraph(`${sentence}: `, { text: best.post.title, url: best.post.url }, `${place}.`),
    text: `${sentence}: ${best.post.title}${place}.`,
  };
}

