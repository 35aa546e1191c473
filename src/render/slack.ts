import type { ChartData } from '../analysis/chart-data.js';
import type { Post } from '../models.js';
import type { TopList } from '../report/rank-basis.js';
import { standingOf, standingParts } from '../report/standing.js';
import type { Inline, Reply, ReplyBlock } from '../reply/reply.js';
import { displayText, spanEdges } from '../text/clean.js';
import { truncateUnits, truncateVisible } from '../text/visible.js';
import { targetLimits } from './limits.js';
import { cutText, EMPHASIS_MAX, packPieces } from './split.js';
import { renderSlackChart, type SlackChartBlock } from './slack-chart.js';
import { formatCount } from '../text/count.js';

// A Reply as Slack messages: plain Block Kit objects (no Bolt import), within every limit (50 blocks,
// section text 3,000, header 150, the whole message under the size Slack refuses), always with a
// plain-text fallback for notifications and screen readers. Untrusted text is cleaned, then `&`, `<`
// and `>` are escaped, so it can never become a link or a mention (`<!channel>`, `<@U…>`).

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> }
  | SlackChartBlock;

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: SlackBlock[];
  /** No previews under a list of posts. */
  unfurl_links: false;
  unfurl_media: false;
  /**
   * The chart behind a `data_visualization` block, kept (never sent) so the adapter can post it as a PNG
   * instead where the workspace refuses the block.
   */
  chart?: ChartData;
}

/**
 * `message` with the chart as Slack's native block under its header, and the chart's notes (short
 * history) beside it: Slack draws the numbers, the notes are ours to show.
 */
export function withSlackChart(message: SlackMessage, chart: ChartData): SlackMessage {
  const notes = chart.notes.map((text): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: `ℹ️ ${slackText(text)}` }] }));
  const added = [renderSlackChart(chart), ...notes];
  if (message.blocks.length + added.length > limits.blocks!) throw new Error(`no room for the chart: the message has ${message.blocks.length} of ${limits.blocks} blocks`);
  const at = message.blocks[0]?.type === 'header' ? 1 : 0;
  return { ...message, blocks: [...message.blocks.slice(0, at), ...added, ...message.blocks.slice(at)], chart };
}

/** The message without its native chart (and the chart's notes): what is posted where the block is refused. */
export function withoutSlackChart(message: SlackMessage): SlackMessage {
  const { chart, ...rest } = message;
  const notes = new Set((chart?.notes ?? []).map((text) => `ℹ️ ${slackText(text)}`));
  return { ...rest, blocks: message.blocks.filter((b) => b.type !== 'data_visualization' && !(b.type === 'context' && b.elements.length === 1 && notes.has(b.elements[0]!.text))) };
}

const limits = targetLimits.slack;
const TITLE_MAX = 120;
const FALLBACK_MAX = 300;

/** Escapes the three characters mrkdwn reads as markup. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Untrusted text for mrkdwn: cleaned (one line, no controls, no pings, no bare links), then escaped. */
export function slackText(text: string): string {
  return escapeSlack(displayText(text));
}

function postLine(post: Post, index: number, showCommunity: boolean, rankedBy?: TopList): string {
  const title = slackText(truncateVisible(displayText(post.title), TITLE_MAX));
  // Only the numbers the source gave; without them, the post's place in Reddit's top list.
  const standing = standingParts(standingOf(post, rankedBy), { points: (n) => `▲${formatCount(n)}`, comments: (n) => `💬${formatCount(n)}` });
  const details = [...(showCommunity ? [`r/${slackText(post.subreddit)}`] : []), ...standing];
  return `${index + 1}. <${post.url}|${title || 'untitled'}>${details.length > 0 ? ` · ${details.join(' · ')}` : ''}`;
}

function span(inline: Inline): string {
  const text = slackText(inline.url ? truncateVisible(displayText(inline.text), TITLE_MAX) : inline.text);
  const { before, after } = spanEdges(inline.text);
  if (!text) return before || after;
  const linked = inline.url ? `<${inline.url}|${text}>` : text;
  if (linked.length > EMPHASIS_MAX) return before + linked + after;
  if (inline.strong) return `${before}*${linked}*${after}`;
  if (inline.emphasis) return `${before}_${linked}_${after}`;
  return before + linked + after;
}

const noteMark = { info: 'ℹ️', warning: '⚠️', error: '❌' } as const;

/** The blocks of one Reply block, each within its own limit. */
function blocksOf(block: ReplyBlock): SlackBlock[] {
  const sections = (text: string) => cutText(text, limits.sectionChars!).map((part): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
  switch (block.type) {
    case 'heading': {
      const text = displayText(block.text);
      if (!text) return [];
      if (block.level === 1) return [{ type: 'header', text: { type: 'plain_text', text: truncateUnits(text, limits.headerChars!), emoji: true } }];
      return sections(`*${escapeSlack(text)}*`);
    }
    case 'paragraph': {
      const text = block.spans.map(span).join('').replace(/ {2,}/g, ' ').trim();
      return text ? sections(text) : [];
    }
    case 'posts':
      // Whole lines per section: a list longer than a section continues in the next one.
      return packPieces(block.posts.map((post, i) => ({ text: postLine(post, i, block.showCommunity, block.rankedBy), joiner: '\n' })), limits.sectionChars!).map(
        (text): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } }),
      );
    case 'note': {
      const text = slackText(block.text);
      return text ? cutText(`${noteMark[block.tone]} ${text}`, limits.sectionChars!).map((part): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: part }] })) : [];
    }
  }
}

/** The text a block shows, for sizes and the fallback. */
export function slackBlockText(block: SlackBlock): string {
  if (block.type === 'data_visualization') return block.title;
  return block.type === 'context' ? block.elements.map((e) => e.text).join(' ') : block.text.text;
}

/** The blocks and characters the chart adds to a first message (withSlackChart), kept free for it. */
export function slackChartRoom(chart: ChartData): { blocks: number; chars: number } {
  const notes = chart.notes.map((text) => `ℹ️ ${slackText(text)}`.length);
  return { blocks: 1 + notes.length, chars: renderSlackChart(chart).title.length + notes.reduce((a, b) => a + b, 0) };
}

/**
 * A Reply as Slack messages: at most 50 blocks and 12,000 characters of text each; `room` is left free
 * in the first message (for the chart withSlackChart adds to it).
 */
export function renderSlack(reply: Reply, room: { blocks: number; chars: number } = { blocks: 0, chars: 0 }): SlackMessage[] {
  const messages: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let size = 0;
  for (const block of reply.blocks.flatMap(blocksOf)) {
    const length = slackBlockText(block).length;
    const reserved = messages.length === 0 ? room : { blocks: 0, chars: 0 };
    if (current.length > 0 && (current.length >= limits.blocks! - reserved.blocks || size + length > limits.messageChars - reserved.chars)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += length;
  }
  if (current.length > 0) messages.push(current);
  return (messages.length > 0 ? messages : [[{ type: 'section', text: { type: 'mrkdwn', text: '…' } } as SlackBlock]]).map(slackMessage);
}

function slackMessage(blocks: SlackBlock[]): SlackMessage {
  // The fallback reads like the message's start: its first block's text, without markup.
  const first = slackBlockText(blocks[0]!).replace(/<([^|>]+)\|([^>]+)>/g, '$2').replace(/[*_]/g, '');
  return { text: truncateVisible(first.replace(/\s+/g, ' '), FALLBACK_MAX) || 'AI trends', blocks, unfurl_links: false, unfurl_media: false };
}

/** A message of streamed text (already cleaned: no pings, no unknown links), escaped for mrkdwn. */
export function slackDraft(text: string): SlackMessage {
  const safe = escapeSlack(text).slice(0, limits.sectionChars!);
  return { text: truncateVisible(text.replace(/\s+/g, ' '), FALLBACK_MAX) || '…', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safe || '…' } }], unfurl_links: false, unfurl_media: false };
}
