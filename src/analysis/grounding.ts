import type { Post } from '../models.js';
import { joinRemovals, postIdFromUrl, splitLinks } from '../text/links.js';
import { displayText } from '../text/clean.js';
import type { IndexedComment } from './input.js';
import type { AnalysisSections, Citation, Claim, CommentQuote, HighlightItem } from '../models/analysis.js';

// The grounding check between a model's analysis and the report. Every item must cite posts of the input
// (an item citing anything else is dropped and counted); links in free text survive only when they point
// at an input post; numbers written next to "points", "upvotes" or "comments" are corrected from the data;
// nothing that could ping a chat (@everyone, <@&role>) survives.
// Titles, scores, comment counts and links shown to readers always come from `citations`, built here.

export interface GroundingResult {
  sections: AnalysisSections;
  citations: Record<string, Citation>;
  /** Items removed because they cited a post id that was not in the input, or none at all. */
  droppedItems: number;
  /** Links removed from free text. */
  removedLinks: number;
  /**
   * Items dropped because nothing was left of their text once links and wrong numbers were taken out (a
   * theme or a name that was only a URL, a claim whose every sentence had a wrong number): they would
   * render as an empty line, a lone ":" or a heading's stub.
   */
  emptiedItems: number;
  /** Commenter quotes removed: no such comment, a comment of a post the item does not cite, or words the comment does not hold. */
  droppedQuotes: number;
}

export interface GroundingOptions {
  /**
   * Check numbers written in the text against the cited posts. On for the model's prose; off for the
   * offline analyst, whose numbers are computed from the data (including totals over several posts).
   */
  checkNumbers: boolean;
  /** The comments the analyst was given, by id (input.ts): every quote is checked word for word against its comment. */
  comments?: Map<string, IndexedComment>;
}

/** The longest quote kept: a quote is a few words of evidence, not the comment reposted. */
const MAX_QUOTE_CHARS = 200;

export function groundAnalysis(raw: AnalysisSections, posts: Post[], options: GroundingOptions = { checkNumbers: true }): GroundingResult {
  const known = new Map(posts.map((post) => [post.id, post]));
  const counts = { droppedItems: 0, removedLinks: 0, emptiedItems: 0, droppedQuotes: 0 };
  const cleanText = (value: string, ids: string[]) => {
    const { text, removed } = removeForeignLinks(value, known);
    counts.removedLinks += removed;
    const checked = options.checkNumbers ? correctNumbers(text, ids.map((id) => known.get(id)!)) : text;
    // The one cleaning step (no ping, no control or bidi character), in the stored analysis too: the
    // JSON output and every later renderer get clean prose.
    return displayText(checked);
  };
  const grounded = (ids: string[]) => {
    const ok = ids.length > 0 && ids.every((id) => known.has(id));
    if (!ok) counts.droppedItems++;
    return ok;
  };
  /** Keeps what still says something after cleaning; counts the rest as emptied. */
  const nonEmpty = <T>(list: T[], says: (entry: T) => boolean, weight: (entry: T) => number = () => 1): T[] =>
    list.filter((entry) => {
      if (says(entry)) return true;
      counts.emptiedItems += weight(entry);
      return false;
    });
  const claims = (list: Claim[]) =>
    nonEmpty(
      list.filter((claim) => grounded(claim.postIds)).map((claim) => ({ text: cleanText(claim.text, claim.postIds), postIds: unique(claim.postIds) })),
      (claim) => claim.text !== '',
    );
  const quotes = (entry: HighlightItem): CommentQuote[] => {
    const kept: CommentQuote[] = [];
    for (const { commentId, quote } of entry.commenters ?? []) {
      const found = options.comments?.get(commentId);
      const words = quote.trim();
      // Two words at least: one word is no quote.
      const ok = found && entry.postIds.includes(found.postId) && words.split(/\s+/).length >= 2 && words.length <= MAX_QUOTE_CHARS && quotedFrom(words, found.comment.body);
      if (!ok) {
        counts.droppedQuotes++;
        continue;
      }
      // The commenter's words, cleaned like all prose (no ping, no link), and the score from the data.
      const clean = displayText(removeForeignLinks(words, known).text);
      if (clean && !kept.some((q) => q.commentId === commentId && q.quote === clean)) kept.push({ commentId, quote: clean, score: found.comment.score ?? undefined });
    }
    return kept;
  };
  const item = (entry: HighlightItem): HighlightItem => {
    const commenters = quotes(entry);
    return {
      name: cleanText(entry.name, entry.postIds),
      summary: cleanText(entry.summary, entry.postIds),
      whyItMatters: cleanText(entry.whyItMatters, entry.postIds),
      postIds: unique(entry.postIds),
      ...(commenters.length > 0 ? { commenters } : {}),
    };
  };
  // An item keeps a name or a summary; a theme keeps its name (its items under no name would read as
  // part of the theme above them), and its items are counted with it.
  const themes = nonEmpty(
    raw.highlights
      .map((theme) => ({ theme: cleanText(theme.theme, []), items: nonEmpty(theme.items.filter((entry) => grounded(entry.postIds)).map(item), (entry) => entry.name !== '' || entry.summary !== '') }))
      .filter((theme) => theme.items.length > 0),
    (theme) => theme.theme !== '',
    (theme) => theme.items.length,
  );

  const deepDive = raw.deepDive && grounded([raw.deepDive.postId]) ? raw.deepDive : null;
  const dive = deepDive ? { title: cleanText(deepDive.title, [deepDive.postId]), postId: deepDive.postId, body: claims(deepDive.body) } : null;
  // Community names are the report's own spelling; a community the report does not hold is dropped like
  // an unknown post id (a model's "name" could be a link or a ping).
  const communityNames = new Map(posts.map((post) => [post.subreddit.toLowerCase(), post.subreddit]));
  const knownCommunity = (name: string) => {
    const canonical = communityNames.get(name.trim().replace(/^\/?r\//i, '').toLowerCase());
    if (!canonical) counts.droppedItems++;
    return canonical;
  };
  const sections: AnalysisSections = {
    highlights: themes,
    // The comparison always has a basis (the report's own week list at least): its claims are grounded like any other.
    weekly: { persistent: claims(raw.weekly.persistent), emerging: claims(raw.weekly.emerging), fading: claims(raw.weekly.fading) },
    monthly: claims(raw.monthly),
    // A deep dive with no title left still has its post and its body; with neither, nothing is left.
    deepDive: dive && nonEmpty([dive], (d) => d.title !== '' || d.body.length > 0).length > 0 ? dive : null,
    communityHighlights: {
      communities: raw.communityHighlights.communities
        .flatMap((community) => {
          const subreddit = knownCommunity(community.subreddit);
          return subreddit ? [{ subreddit, focus: claims(community.focus) }] : [];
        })
        .filter((community) => community.focus.length > 0),
      crossCutting: claims(raw.communityHighlights.crossCutting),
      niche: claims(raw.communityHighlights.niche),
    },
  };
  return { sections, citations: citationsOf(sections, known), ...counts };
}

/**
 * True when `quote` stands word for word in `body`: case, spacing, straight or curly quotes and a
 * trailing full stop aside; an ellipsis ("…" or "...") may join two exact pieces in order.
 */
export function quotedFrom(quote: string, body: string): boolean {
  const norm = (text: string) =>
    text
      .normalize('NFKC')
      .replace(/[‘’‚‛]/g, "'")
      .replace(/[“”„‟]/g, '"')
      .replace(/\s+/g, ' ')
      .toLowerCase()
      .trim();
  const haystack = norm(body);
  const pieces = norm(quote)
    .split(/\s*(?:…|\.\.\.)\s*/)
    // Quote marks around the words and a closing full stop are the writer's, not the commenter's.
    .map((piece) => piece.replace(/^["'\s]+|["'.,;:!?\s]+$/g, ''))
    .filter(Boolean);
  if (pieces.length === 0) return false;
  let from = 0;
  for (const piece of pieces) {
    // Whole words only: "art" is not quoted from "start".
    const at = wordIndex(haystack, piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

function wordIndex(haystack: string, needle: string, from: number): number {
  for (let at = haystack.indexOf(needle, from); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? '' : haystack[at - 1]!;
    const after = haystack[at + needle.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

/** Every post the sections cite, as readers see it: numbers and links from the data. */
export function citationsOf(sections: AnalysisSections, known: Map<string, Post>): Record<string, Citation> {
  const ids = [
    ...sections.highlights.flatMap((theme) => theme.items.flatMap((entry) => entry.postIds)),
    ...[...sections.weekly.persistent, ...sections.weekly.emerging, ...sections.weekly.fading, ...sections.monthly].flatMap((c) => c.postIds),
    ...(sections.deepDive ? [sections.deepDive.postId, ...sections.deepDive.body.flatMap((c) => c.postIds)] : []),
    ...sections.communityHighlights.communities.flatMap((community) => community.focus.flatMap((c) => c.postIds)),
    ...[...sections.communityHighlights.crossCutting, ...sections.communityHighlights.niche].flatMap((c) => c.postIds),
  ];
  const citations: Record<string, Citation> = {};
  for (const id of ids) {
    const post = known.get(id);
    if (!post) continue;
    const { title, subreddit, score, numComments, topRank, numbersFrom, url } = post;
    citations[id] = { id, title, subreddit, score, numComments, ...(topRank ? { topRank } : {}), ...(numbersFrom ? { numbersFrom } : {}), url };
  }
  return citations;
}

/** Counts the items of an analysis, to tell a useful one from an empty shell. */
export function countItems(sections: AnalysisSections): number {
  return (
    sections.highlights.reduce((sum, theme) => sum + theme.items.length, 0) +
    sections.weekly.persistent.length +
    sections.weekly.emerging.length +
    sections.weekly.fading.length +
    sections.monthly.length +
    (sections.deepDive ? 1 : 0) +
    sections.communityHighlights.communities.length +
    sections.communityHighlights.crossCutting.length +
    sections.communityHighlights.niche.length
  );
}

/**
 * Takes every link out of model text, keeping a Markdown link's label: the renderer links posts itself,
 * from citations. Counts the links that did not point at an input post.
 */
export function removeForeignLinks(value: string, known: Map<string, Post>): { text: string; removed: number } {
  let removed = 0;
  const parts = splitLinks(value).map((piece) => {
    if (piece.kind === 'text') return piece.text;
    const id = postIdFromUrl(piece.url);
    if (!id || !known.has(id)) removed++;
    return piece.label ?? null;
  });
  return { text: tidy(joinRemovals(parts)), removed };
}

// Not "the top 3 comments": a count of things picked, not a post's number. "1.2k upvotes" and "a
// 1,660-point post" are numbers too.
const numberWithUnit = /(?<!\b(?:top|first|last|few|several|best|other)\s)\b(\d+(?:\.\d+)?\s?k|\d{1,3}(?:[,.\s]\d{3})+|\d+)(\s*(?:\+\s*)?-?)(points?|upvotes?|votes?|comments?|replies|pontos?|puntos?|punti|punkte?|votos?|coment[aá]rios?|kommentare?|commentaires?|commenti|r[eé]ponses|respostas|respuestas|antworten)(?![\p{L}\p{N}])/giu;
const labelledNumber = /\b(score|comments?)(\s*[:=]\s*)(\d{1,3}(?:[,.]\d{3})+|\d+)/gi;

/** Whether a written figure ("2,400", "1.2k") says `real`: exactly, or rounded to thousands when written with a "k". */
function says(written: string, real: number): boolean {
  const thousands = /^(\d+(?:\.\d+)?)\s?k$/i.exec(written);
  if (!thousands) return Number(written.replace(/[,.\s]/g, '')) === real;
  const k = Number(thousands[1]);
  return Math.abs(real / 1000 - k) < 0.05 || Math.round(real / 1000) === k;
}

/**
 * Numbers a model writes next to "points" or "comments" are checked against the cited posts: a number
 * that matches one of them stays; a wrong one is replaced by the real value when the item cites one post.
 * When it cites several we cannot know which post was meant, so the sentence holding it goes. When the
 * cited posts have no such number (the public feeds give none) any figure is invented: its sentence goes.
 */
export function correctNumbers(text: string, cited: Post[]): string {
  const wrong = '\u0000';
  // A language view's analysis names the units in its language (pt-BR "comentários", de "Kommentare").
  const valuesOf = (unit: string) => (/^(comment|coment|komment|repl|r[eé]pon|resp|antwort)/i.test(unit) ? cited.map((p) => p.numComments) : cited.map((p) => p.score));
  const fix = (written: string, unit: string): string => {
    const all = valuesOf(unit);
    const known = all.filter((n): n is number => n !== null);
    if (known.length === 0) return wrong;
    // A post's own number, or the total over the cited posts ("together 2,400 points") when every one has it, is right.
    const total = known.length > 1 && known.length === all.length ? known.reduce((sum, n) => sum + n, 0) : undefined;
    if (known.some((real) => says(written, real)) || (total !== undefined && says(written, total))) return written;
    return all.length === 1 ? String(known[0]) : wrong;
  };
  const result = text
    .replace(numberWithUnit, (_match, written: string, space: string, unit: string) => `${fix(written, unit)}${space}${unit}`)
    .replace(labelledNumber, (_match, label: string, separator: string, written: string) => `${label}${separator}${fix(written, label)}`);
  if (!result.includes(wrong)) return result;
  return tidy(
    result
      .split(/(?<=[.!?])\s+/)
      .filter((sentence) => !sentence.includes(wrong))
      .join(' '),
  );
}

/** A ")" that closes nothing: left behind when the link that held its "(" was removed. */
function dropUnmatchedParens(text: string): string {
  let depth = 0;
  let out = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') {
      if (depth === 0) continue;
      depth--;
    }
    out += char;
  }
  return out;
}

function tidy(text: string): string {
  return dropUnmatchedParens(text)
    .replace(/\(\s*[,;]?\s*\)/g, '')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,\s*,/g, ',')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
