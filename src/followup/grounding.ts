import type { ContentBlock, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { Post } from '../models.js';
import { heading, postList, type Inline, type Reply, type ReplyBlock } from '../reply/reply.js';
import { correctNumbers } from '../analysis/grounding.js';
import { joinRemovals, postIdFromUrl, splitLinks } from '../text/links.js';

// Claude's answer → a Reply. Every cited claim is followed by a numbered link to its post, and the cited
// posts are listed at the end with their real numbers. Only posts we gave can be cited or linked: a
// citation to any other source is dropped, and so is a URL in the text that is not one of our posts.

export interface Grounded {
  reply: Reply;
  /** The answer as plain text (for the thread's history): no markers, known links kept as URLs. */
  plainText: string;
  cited: Post[];
  droppedCitations: number;
  removedLinks: number;
}

/** The posts an answer may point at, by id and by the URL given as the search result's source. */
export class KnownPosts {
  private readonly byId = new Map<string, Post>();
  private readonly byUrl = new Map<string, Post>();

  constructor(posts: Post[]) {
    for (const post of posts) {
      this.byId.set(post.id.toLowerCase(), post);
      this.byUrl.set(post.url, post);
    }
  }

  has(id: string): boolean {
    return this.byId.has(id.toLowerCase());
  }

  all(): Post[] {
    return [...this.byId.values()];
  }

  /** The post a URL points at, in any of Reddit's URL forms. */
  fromUrl(url: string): Post | undefined {
    const exact = this.byUrl.get(url);
    if (exact) return exact;
    const id = postIdFromUrl(url);
    return id ? this.byId.get(id) : undefined;
  }
}

const TITLE_IN_LINK = 80;

export function groundAnswer(content: ContentBlock[], known: KnownPosts, stopReason: StopReason | null): Grounded {
  const spans: Inline[] = [];
  const plain: string[] = [];
  const cited: Post[] = [];
  let droppedCitations = 0;
  let removedLinks = 0;

  for (const block of content) {
    if (block.type !== 'text') continue;
    const posts: Post[] = [];
    for (const citation of block.citations ?? []) {
      const post = citation.type === 'search_result_location' ? known.fromUrl(citation.source) : undefined;
      if (!post) {
        droppedCitations++;
        continue;
      }
      if (!posts.includes(post)) posts.push(post);
    }
    // "N points/comments" is checked like the analysis's prose: against the posts this passage cites,
    // else against every post given (a number true of none of them goes, with its sentence).
    const checked = correctNumbers(block.text, posts.length > 0 ? posts : known.all());
    // A passage whose every sentence went (a figure no cited post has) takes its citation markers with it.
    if (checked.trim() === '' && block.text.trim() !== '') continue;
    const { spans: textSpans, plain: textPlain, removed } = textToSpans(checked, known);
    removedLinks += removed;
    plain.push(textPlain);
    if (posts.length === 0) {
      spans.push(...textSpans);
      continue;
    }
    // The markers go right after the claim, before the whitespace or line break that ends it.
    const trailing = /\s*$/.exec(textPlain)?.[0] ?? '';
    const body = trimTrailing(textSpans, trailing.length);
    spans.push(...body);
    for (const post of posts) {
      if (!cited.includes(post)) cited.push(post);
      spans.push({ text: ` [${cited.indexOf(post) + 1}]`, url: post.url });
    }
    if (trailing) spans.push({ text: trailing });
  }

  const blocks: ReplyBlock[] = paragraphs(spans);
  if (stopReason === 'max_tokens' && blocks.length > 0) {
    const lastBlock = blocks[blocks.length - 1]!;
    if (lastBlock.type === 'paragraph') lastBlock.spans.push({ text: ' …' });
  }
  if (cited.length > 0) blocks.push(heading('Sources', 3), postList(cited, { numbered: true, showCommunity: true }));
  return { reply: { blocks }, plainText: plain.join('').trim(), cited, droppedCitations, removedLinks };
}

/** Model text → spans: `**bold**` becomes strong, known post URLs become links, other links go. */
function textToSpans(text: string, known: KnownPosts): { spans: Inline[]; plain: string; removed: number } {
  const parts: Array<Inline | null> = [];
  let removed = 0;
  for (const piece of splitLinks(text)) {
    if (piece.kind === 'text') {
      parts.push(...emphasis(piece.text));
      continue;
    }
    const post = known.fromUrl(piece.url);
    if (post) parts.push({ text: piece.label ?? shorten(post.title), url: post.url });
    else {
      removed++;
      parts.push(piece.label ? { text: piece.label } : null);
    }
  }
  // Tidy the joints where a link was cut out, on the plain text of each span.
  const spans: Inline[] = [];
  let pendingRemoval = false;
  for (const part of parts) {
    if (part === null) {
      pendingRemoval = true;
      continue;
    }
    if (pendingRemoval && !part.url && spans.length > 0 && !spans[spans.length - 1]!.url) {
      const previous = spans[spans.length - 1]!;
      const joined = joinRemovals([previous.text, null, part.text]);
      if (previous.strong === part.strong) {
        previous.text = joined;
        pendingRemoval = false;
        continue;
      }
    }
    pendingRemoval = false;
    spans.push({ ...part });
  }
  return { spans, plain: joinRemovals(parts.map((p) => (p === null ? null : p.url ? `${p.text} (${p.url})` : p.text))), removed };
}

/** `**bold**` → strong spans; other Markdown stays as typed (renderers escape it). */
function emphasis(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(/\*\*([^*\n]+)\*\*/g)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index) });
    out.push({ text: match[1]!, strong: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function shorten(title: string): string {
  return title.length <= TITLE_IN_LINK ? title : `${title.slice(0, TITLE_IN_LINK - 1).trimEnd()}…`;
}

/** Removes `count` characters of trailing whitespace from the end of the span list. */
function trimTrailing(spans: Inline[], count: number): Inline[] {
  if (count === 0) return spans;
  const out = spans.map((s) => ({ ...s }));
  let left = count;
  while (left > 0 && out.length > 0) {
    const lastSpan = out[out.length - 1]!;
    const cut = Math.min(left, lastSpan.text.length);
    lastSpan.text = lastSpan.text.slice(0, lastSpan.text.length - cut);
    left -= cut;
    if (!lastSpan.text) out.pop();
  }
  return out;
}

/** Spans → one paragraph per line of the answer (chat answers are short lines, bullets, not prose walls). */
function paragraphs(spans: Inline[]): ReplyBlock[] {
  const lines: Inline[][] = [[]];
  for (const span of spans) {
    const pieces = span.text.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1]!.push({ ...span, text: piece });
    });
  }
  const blocks: ReplyBlock[] = [];
  for (const line of lines) {
    // Drop leading/trailing blanks of the line; skip lines with nothing visible.
    while (line.length && !line[0]!.url && !line[0]!.text.trim()) line.shift();
    while (line.length && !line[line.length - 1]!.url && !line[line.length - 1]!.text.trim()) line.pop();
    if (line.length === 0) continue;
    line[0] = { ...line[0]!, text: line[0]!.text.trimStart() };
    const lastSpan = line[line.length - 1]!;
    line[line.length - 1] = { ...lastSpan, text: lastSpan.text.trimEnd() };
    blocks.push({ type: 'paragraph', spans: line });
  }
  return blocks;
}
