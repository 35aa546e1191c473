import type { Post } from '../models.js';
import type { TopList } from '../report/rank-basis.js';
import { standingOf, standingParts } from '../report/standing.js';
import type { Inline, Reply, ReplyBlock } from '../reply/reply.js';
import { displayText, spanEdges } from '../text/clean.js';
import { truncateUnits, truncateVisible } from '../text/visible.js';
import { targetLimits } from './limits.js';
import { cutText, EMPHASIS_MAX, packPieces, type Piece } from './split.js';
import { formatCount } from '../text/count.js';

// A Reply as Discord messages: plain payload objects (no discord.js import) that discord.js sends as
// they are. Plain `content` messages rather than Components V2: a report reads as a numbered list with
// headings, which Markdown content renders well; content can be edited while an answer streams (a V2
// message cannot go back to content); and 2,000 characters a message is one simple limit to split by.
// Discord has no tables: post lists are numbered lines with the link's preview suppressed by `<url>`.

/** What discord.js's `send`, `edit`, `editReply` and `followUp` take, as plain data. */
export interface DiscordMessage {
  content: string;
  /** On every message and every edit: an edit without it is parsed again with Discord's defaults. */
  allowedMentions: { parse: []; repliedUser: false };
  /** 1 << 2 SUPPRESS_EMBEDS: no link previews under a list of posts (attached images still show). */
  flags?: number;
  /** Attached files (the week's chart PNG), with their alt text in `description`. */
  files?: DiscordFile[];
}

/** A file as discord.js's `files` takes it; `description` is the attachment's alt text (≤ 1,024 characters). */
export interface DiscordFile {
  attachment: Buffer;
  name: string;
  description: string;
}

export const CHART_FILE_NAME = 'ai-trends-week.png';

/** `message` with the chart PNG attached under it, described in words for screen readers. */
export function withChartFile(message: DiscordMessage, png: Buffer, altText: string): DiscordMessage {
  return { ...message, files: [{ attachment: png, name: CHART_FILE_NAME, description: truncateUnits(displayText(altText), 1024) }] };
}

export const SUPPRESS_EMBEDS = 1 << 2;
const TITLE_MAX = 120;
const limits = targetLimits.discord;

/** Escapes what Discord Markdown would read as syntax, so untrusted text is only ever text. */
export function escapeDiscord(text: string): string {
  // `:` and `/` are left alone: "1:30" and "r/LocalLLaMA" must stay readable; `#` and `-` only matter
  // at a line start, where the renderer never puts untrusted text.
  return text.replace(/[\\*_~`|>[\]()<#@]/g, (c) => `\\${c}`);
}

/** Untrusted text for Discord: cleaned (one line, no controls, no pings, no bare links), then escaped. */
export function discordText(text: string): string {
  return escapeDiscord(displayText(text));
}

function postLine(post: Post, index: number, showCommunity: boolean, rankedBy?: TopList): string {
  const title = discordText(truncateVisible(displayText(post.title), TITLE_MAX));
  // Only the numbers the source gave; without them, the post's place in Reddit's top list.
  const standing = standingParts(standingOf(post, rankedBy), { points: (n) => `▲${formatCount(n)}`, comments: (n) => `💬${formatCount(n)}` });
  const details = [...(showCommunity ? [`r/${discordText(post.subreddit)}`] : []), ...standing];
  return `${index + 1}. [${title}](<${post.url}>)${details.length > 0 ? ` · ${details.join(' · ')}` : ''}`;
}

/** A link label is cut like a title: a link must fit in one message to stay whole when split. */
const LABEL_MAX = 200;

function span(inline: Inline): string {
  const text = discordText(inline.url ? truncateVisible(displayText(inline.text), LABEL_MAX) : inline.text);
  const { before, after } = spanEdges(inline.text);
  if (!text) return before || after;
  const linked = inline.url ? `[${text}](<${inline.url}>)` : text;
  if (linked.length > EMPHASIS_MAX) return before + linked + after;
  if (inline.strong) return `${before}**${linked}**${after}`;
  if (inline.emphasis) return `${before}*${linked}*${after}`;
  return before + linked + after;
}

const noteMark = { info: 'ℹ️', warning: '⚠️', error: '❌' } as const;

/** The pieces of one block, each a line that may start a new message. */
function blockPieces(block: ReplyBlock): string[] {
  switch (block.type) {
    case 'heading':
      return [`${'#'.repeat(block.level)} ${discordText(block.text)}`];
    case 'paragraph':
      return [block.spans.map(span).join('').replace(/ {2,}/g, ' ').trim()].filter(Boolean);
    case 'posts':
      return block.posts.map((post, i) => postLine(post, i, block.showCommunity, block.rankedBy));
    case 'note':
      // A quote marks one line: a note longer than a message is cut first, so each part keeps its "> ".
      return cutText(`${noteMark[block.tone]} ${discordText(block.text)}`, limits.messageChars - 2).map((part) => `> ${part}`);
  }
}

/** The whole reply as one text, before splitting (tests compare the split messages against it). */
export function discordPieces(reply: Reply): Piece[] {
  const pieces: Piece[] = [];
  for (const block of reply.blocks) {
    for (const [i, text] of blockPieces(block).entries()) pieces.push({ text, joiner: i === 0 ? '\n\n' : '\n' });
  }
  return pieces;
}

/** A Reply as Discord messages, each within 2,000 characters, split only between lines or at spaces. */
export function renderDiscord(reply: Reply, maxChars: number = limits.messageChars): DiscordMessage[] {
  const hasLinks = reply.blocks.some((b) => b.type === 'posts' || (b.type === 'paragraph' && b.spans.some((s) => s.url)));
  const contents = packPieces(discordPieces(reply), maxChars);
  return (contents.length > 0 ? contents : ['…']).map((content) => discordMessage(content, hasLinks));
}

/** A message of already-safe text (a streamed draft), within the limits. */
export function discordMessage(content: string, suppressEmbeds = true): DiscordMessage {
  return { content: content.slice(0, limits.messageChars), allowedMentions: { parse: [], repliedUser: false }, ...(suppressEmbeds ? { flags: SUPPRESS_EMBEDS } : {}) };
}

/** A thread name from a report title: one clean line of at most 100 characters. */
export function discordThreadName(title: string): string {
  // Discord counts the name's characters; a grapheme can be several (an emoji, a joined "@").
  return truncateUnits(displayText(title), limits.threadNameChars) || 'AI trends';
}
