import { isCommunityName, subredditUrl, type Post } from '../models.js';
import { tableShape, type TableColumns, type TopList } from '../report/rank-basis.js';
import { numbersWords, rankShort, standingOf } from '../report/standing.js';
import type { Inline, Reply, ReplyBlock } from '../reply/reply.js';
import { stripDisplayControls } from '../text/clean.js';
import { formatCount } from '../text/count.js';

// HTML for the web pages: the report's one layout (src/reply/report.ts) as elements. Every string from
// Reddit or a model goes through escapeHtml, and only https links are ever put in an href: no text of
// the data becomes a tag, an attribute or a script. Post lists are tables whose cells carry the value a
// column sorts by (data-sort), for the optional /sort.js; without it they read in the report's order.

/** Text for an element or a quoted attribute: the five characters HTML gives meaning to, and no control character. */
export function escapeHtml(value: string): string {
  return stripDisplayControls(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An href we put in a page: https only (Reddit's posts and communities, our own pages are relative). */
export function safeHref(url: string): string | undefined {
  return /^https:\/\/[^\s"'<>]+$/.test(url) ? escapeHtml(url) : undefined;
}

/** Heading ids for the report's sections, so a link can point at "#week" and the contents list can. */
const sectionIds: Record<string, string> = {
  "Today's Trending Posts": 'today',
  'Weekly Popular Posts': 'week',
  'Monthly Popular Posts': 'month',
  'Top Posts by Community (Past 24 Hours)': 'communities',
  'Trend Analysis': 'analysis',
  Notes: 'notes',
};

export function sectionId(headingText: string): string | undefined {
  return sectionIds[headingText];
}

/** The blocks of a Reply as HTML, the first heading (the title) left to the page. */
export function renderHtmlBlocks(blocks: readonly ReplyBlock[]): string {
  return blocks.map(renderBlock).join('\n');
}

export function renderHtmlReply(reply: Reply): string {
  return renderHtmlBlocks(reply.blocks);
}

function renderBlock(block: ReplyBlock): string {
  switch (block.type) {
    case 'heading': {
      const level = block.level;
      const id = sectionId(block.text);
      return `<h${level}${id ? ` id="${id}"` : ''}>${escapeHtml(block.text)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${block.spans.map(span).join('')}</p>`;
    case 'posts':
      return block.posts.length === 0 ? '<p class="note">No posts in this window.</p>' : postTable(block.posts, { rank: block.numbered, community: block.showCommunity, rankedBy: block.rankedBy });
    case 'note':
      return `<p class="note ${block.tone}">${block.tone === 'info' ? '' : `<strong>${block.tone === 'warning' ? 'Warning' : 'Error'}:</strong> `}${escapeHtml(block.text)}</p>`;
  }
}

function span(inline: Inline): string {
  let text = escapeHtml(inline.text);
  const href = inline.url ? safeHref(inline.url) : undefined;
  if (href) text = `<a href="${href}">${text}</a>`;
  if (inline.strong) text = `<strong>${text}</strong>`;
  if (inline.emphasis) text = `<em>${text}</em>`;
  return text;
}

/** The page's table of posts, sortable by its headers (its columns: tableShape, as in Markdown). */
function postTable(posts: Post[], columns: TableColumns): string {
  const { byNumbers, category } = tableShape(posts, columns);
  const head = [
    ...(columns.rank ? [th('#', 'number')] : []),
    th('Title', 'text'),
    ...(columns.community ? [th('Community', 'text')] : []),
    ...(byNumbers ? [th('Points', 'number'), th('Comments', 'number')] : [th('Rank', 'number')]),
    ...(category ? [th('Category', 'text', 'wide')] : []),
    th('Posted (UTC)', 'text', 'wide'),
  ];
  const rows = posts.map((post, index) => {
    const href = safeHref(post.url);
    const title = escapeHtml(post.title) || 'untitled';
    const cells = [
      ...(columns.rank ? [`<td data-sort="${index + 1}">${index + 1}</td>`] : []),
      `<td class="title">${href ? `<a href="${href}">${title}</a>` : title}</td>`,
      ...(columns.community ? [`<td>${communityCell(post.subreddit)}</td>`] : []),
      ...(byNumbers
        ? [`<td class="num" data-sort="${post.score}">${formatCount(post.score!)}</td>`, `<td class="num" data-sort="${post.numComments}">${formatCount(post.numComments!)}</td>`]
        : [rankCell(post, index, columns.rankedBy)]),
      ...(category ? [`<td class="wide">${post.flair ? escapeHtml(post.flair.slice(0, 64)) : ''}</td>`] : []),
      `<td class="wide" data-sort="${escapeHtml(post.createdAt)}">${escapeHtml(formatPosted(post.createdAt))}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="table"><table class="posts sortable">\n<thead><tr>${head.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function th(label: string, kind: 'number' | 'text', className?: string): string {
  return `<th scope="col" data-type="${kind}"${className ? ` class="${className}"` : ''}>${escapeHtml(label)}</th>`;
}

function communityCell(subreddit: string): string {
  const name = escapeHtml(`r/${subreddit}`);
  return isCommunityName(subreddit) ? `<a href="${escapeHtml(subredditUrl(subreddit))}">${name}</a>` : name;
}

function rankCell(post: Post, index: number, rankedBy?: TopList): string {
  const standing = standingOf(post, rankedBy);
  const cell = [standing.rank ? rankShort(standing.rank) : '', numbersWords(standing)].filter(Boolean).join('; ') || 'not ranked';
  return `<td data-sort="${standing.rank?.position ?? 1000 + index}">${escapeHtml(cell)}</td>`;
}

/** "2026-02-11 05:01". */
function formatPosted(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const text = new Date(time).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}
