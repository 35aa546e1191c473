import type { ChartData } from '../analysis/chart-data.js';
import type { Post } from '../models.js';
import type { TopList } from '../report/rank-basis.js';

// A platform-neutral message: what a command or a follow-up answer says, as structure. Renderers for
// Discord, Slack, the terminal (and Markdown) fit it to each platform's syntax and limits; nothing here
// is markup, so untrusted text can never become a ping, a link or a broken table.

/** A run of plain text, optionally a link or emphasised. Renderers escape `text` for their target. */
export interface Inline {
  text: string;
  /** Only links to Reddit posts and communities the bot knows are ever set here. */
  url?: string;
  strong?: boolean;
  emphasis?: boolean;
}

export type ReplyBlock =
  | { type: 'heading'; text: string; level: 1 | 2 | 3 }
  | { type: 'paragraph'; spans: Inline[] }
  /**
   * A ranked list of posts; renderers show title (linked), community, and the numbers the source gave.
   * `rankedBy`: the list is Reddit's own top list of that period (a report without numbers): each post's
   * place in it is shown where points and comments would be.
   */
  | { type: 'posts'; posts: Post[]; numbered: boolean; showCommunity: boolean; rankedBy?: TopList }
  | { type: 'note'; tone: 'info' | 'warning' | 'error'; text: string };

export interface Reply {
  blocks: ReplyBlock[];
  /** Ask the adapter to open a thread under this message, bound to the report of `reportDate`. */
  openThread?: { reportDate: string; title: string };
  /** Only the person who asked should see it (refusals, errors), where the platform allows. */
  private?: boolean;
  /** The week's chart, drawn on the first message by each platform its own way (ChatAdapter.withChart). */
  chart?: ChartData;
  /**
   * The same reply in fewer words, for a platform whose one message this one overflows (Discord's 2,000
   * characters): chat/deliver posts the first of this chain that fits one message (none: this one, split).
   * A reply meant to be read at a glance (the summary) must not have its tail land in its thread.
   */
  shorter?: Reply;
}

export const text = (value: string): Inline => ({ text: value });
export const paragraph = (...spans: Array<Inline | string>): ReplyBlock => ({
  type: 'paragraph',
  spans: spans.map((span) => (typeof span === 'string' ? { text: span } : span)),
});
export const heading = (value: string, level: 1 | 2 | 3 = 2): ReplyBlock => ({ type: 'heading', text: value, level });
export const note = (value: string, tone: 'info' | 'warning' | 'error' = 'info'): ReplyBlock => ({ type: 'note', tone, text: value });
export const postList = (posts: Post[], options: { numbered?: boolean; showCommunity?: boolean; rankedBy?: TopList } = {}): ReplyBlock => ({
  type: 'posts',
  posts,
  numbered: options.numbered ?? true,
  showCommunity: options.showCommunity ?? true,
  ...(options.rankedBy ? { rankedBy: options.rankedBy } : {}),
});
