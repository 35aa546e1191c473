import { isCommunityName, subredditUrl, type Post, type Report } from '../models.js';
import { tableShape, type TableColumns, type TopList } from '../report/rank-basis.js';
import { numbersWords, rankShort, standingOf } from '../report/standing.js';
import { reportReply } from '../reply/report.js';
import type { Inline, Reply, ReplyBlock } from '../reply/reply.js';
import { spanEdges } from '../text/clean.js';
import { cellText, escapeMarkdown, FLAIR_MAX, TITLE_MAX } from './markdown-escape.js';
import { formatCount } from '../text/count.js';

// Markdown, the canonical file format: the report's one layout (src/reply/report.ts) rendered with the
// reference's tables and columns, without its bugs (escaped quotes, &nbsp;, broken rows, local times
// called UTC). Every untrusted string is escaped: no text becomes markup, a link or a broken row.

/** A chart image written beside the Markdown: its path relative to the Markdown file, and its alt text. */
export interface MarkdownImage {
  path: string;
  altText: string;
  /** Shown under the image (short history). */
  notes?: string[];
}

export function renderMarkdownReport(report: Report, options: { chart?: MarkdownImage } = {}): string {
  const markdown = renderMarkdownReply(reportReply(report, { section: 'full' }));
  if (!options.chart) return markdown;
  // Under the title: the week at a glance, before the tables.
  const cut = markdown.indexOf('\n\n');
  return cut < 0 ? `${markdown}\n${markdownImage(options.chart)}\n` : `${markdown.slice(0, cut)}\n\n${markdownImage(options.chart)}${markdown.slice(cut)}`;
}

/** `![alt](path)`, the alt text escaped like any label, the path percent-encoded (spaces, brackets). */
function markdownImage(image: MarkdownImage): string {
  const path = image.path.split('/').map(encodeURIComponent).join('/');
  return [`![${cellText(image.altText)}](${path})`, ...(image.notes ?? []).map((n) => `_${cellText(n)}_`)].join('\n\n');
}

export function renderMarkdownReply(reply: Reply): string {
  return reply.blocks.map(renderBlock).join('\n\n') + '\n';
}

const notePrefix = { info: '', warning: '**Warning:** ', error: '**Error:** ' } as const;

function renderBlock(block: ReplyBlock): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${cellText(block.text)}`;
    case 'paragraph':
      return block.spans.map(span).join('').trim();
    case 'posts':
      return block.posts.length === 0 ? '_No posts in this window._' : postTable(block.posts, { rank: block.numbered, community: block.showCommunity, rankedBy: block.rankedBy });
    case 'note':
      return block.tone === 'info' ? `_${cellText(block.text)}_` : `${notePrefix[block.tone]}${cellText(block.text)}`;
  }
}

function span(inline: Inline): string {
  const { before, after } = spanEdges(inline.text);
  const text = inline.url ? `[${cellText(inline.text, TITLE_MAX)}](${inline.url})` : cellText(inline.text);
  if (!text) return before || after;
  if (inline.strong) return `${before}**${text}**${after}`;
  if (inline.emphasis) return `${before}*${text}*${after}`;
  return before + text + after;
}

/** The markdown report's table of posts (its columns: tableShape). */
function postTable(posts: Post[], columns: TableColumns): string {
  const { byNumbers, category } = tableShape(posts, columns);
  const headers = [...(columns.rank ? ['#'] : []), 'Title', ...(columns.community ? ['Community'] : []), ...(byNumbers ? ['Score', 'Comments'] : ['Rank']), ...(category ? ['Category'] : []), 'Posted'];
  const rows = posts.map((post, index) => [
    ...(columns.rank ? [String(index + 1)] : []),
    `[${cellText(post.title, TITLE_MAX)}](${post.url})`,
    ...(columns.community ? [isCommunityName(post.subreddit) ? `[r/${escapeMarkdown(post.subreddit)}](${subredditUrl(post.subreddit)})` : `r/${cellText(post.subreddit)}`] : []),
    // As in the reports we replace: bare figures a reader can sort or copy into a spreadsheet.
    ...(byNumbers ? [formatCount(post.score!, { grouping: false }), formatCount(post.numComments!, { grouping: false })] : [rankCell(post, columns.rankedBy)]),
    // A flair is cut at Reddit's own limit: a 500-character one from elsewhere would fill the table.
    ...(category ? [post.flair ? cellText(post.flair, FLAIR_MAX) : ''] : []),
    formatUtc(post.createdAt),
  ]);
  return [row(headers), row(headers.map((h) => '-'.repeat(Math.max(3, h.length)))), ...rows.map(row)].join('\n');
}

/** "#3 today", "#3 this week; 120 points, 8 comments as archived ~36 h after posting", or the numbers alone. */
function rankCell(post: Post, rankedBy?: TopList): string {
  const standing = standingOf(post, rankedBy);
  const cell = [standing.rank ? rankShort(standing.rank) : '', numbersWords(standing)].filter(Boolean).join('; ');
  return cell || 'not ranked';
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** `2026-02-27 05:01 UTC`, always in UTC whatever the machine's zone. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}
