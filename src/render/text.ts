import type { Post } from '../models.js';
import type { TopList } from '../report/rank-basis.js';
import { standingOf, standingParts } from '../report/standing.js';
import type { Inline, Reply, ReplyBlock } from '../reply/reply.js';
import { displaySpan, displayText } from '../text/clean.js';
import { truncateVisible } from '../text/visible.js';
import { formatUtc } from './markdown.js';
import { formatCount } from '../text/count.js';

// A Reply as plain text for a terminal: underlined headings, numbered posts with their numbers and link
// on lines of their own, paragraphs wrapped to a readable width. No Markdown, no colours.

export interface TextRenderOptions {
  /** Paragraphs wrap at this many columns (URLs are never broken). */
  width?: number;
}

const TITLE_MAX = 100;
const notePrefix = { info: 'Note', warning: 'Warning', error: 'Error' } as const;

/**
 * Untrusted text (titles, analysis, answers) made safe for a terminal by the one cleaning step: no
 * control characters, C1 ones included (ESC or CSI sequences could move the cursor or recolour what
 * follows), no bidi tricks, no bare links a terminal would make clickable.
 */
export const terminalText = displayText;

export function renderTextReply(reply: Reply, options: TextRenderOptions = {}): string {
  const width = options.width ?? 100;
  return reply.blocks.map((block) => renderBlock(block, width)).join('\n\n') + '\n';
}

function renderBlock(block: ReplyBlock, width: number): string {
  switch (block.type) {
    case 'heading': {
      const text = terminalText(block.text);
      if (block.level === 3) return `» ${text}`;
      return `${text}\n${(block.level === 1 ? '=' : '-').repeat(Math.min(width, [...text].length))}`;
    }
    case 'paragraph':
      return wrap(block.spans.map(spanText).join('').replace(/ {2,}/g, ' ').trim(), width);
    case 'posts':
      return block.posts.length === 0 ? '(no posts)' : block.posts.map((post, i) => postLines(post, block.numbered ? i + 1 : undefined, block.showCommunity, block.posts.length, block.rankedBy)).join('\n');
    case 'note':
      return wrap(`${notePrefix[block.tone]}: ${terminalText(block.text)}`, width);
  }
}

function spanText(span: Inline): string {
  // A link keeps its address next to its label: a terminal cannot hide one behind the other.
  const text = displaySpan(span.text);
  return span.url ? `${text.trimEnd()} <${span.url}>${/\s$/.test(text) ? ' ' : ''}` : text;
}

function postLines(post: Post, rank: number | undefined, showCommunity: boolean, count: number, rankedBy?: TopList): string {
  const marker = rank === undefined ? '-' : `${String(rank).padStart(String(count).length)}.`;
  const indent = ' '.repeat(marker.length + 1);
  const details = [
    ...(showCommunity ? [`r/${terminalText(post.subreddit)}`] : []),
    // Only the numbers the source gave; without them, the post's place in Reddit's top list.
    ...standingParts(standingOf(post, rankedBy), { points: (n) => `${formatCount(n, { grouping: false })} points`, comments: (n) => `${formatCount(n, { grouping: false })} comments` }),
    ...(post.flair ? [truncateVisible(terminalText(post.flair), TITLE_MAX)] : []),
    formatUtc(post.createdAt),
  ];
  return [`${marker} ${truncateVisible(terminalText(post.title), TITLE_MAX)}`, `${indent}${details.join(' · ')}`, `${indent}${post.url}`].join('\n');
}

/** Greedy word wrap; a word longer than the line (a URL) gets a line of its own rather than a break. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
