import type { ChatTarget, ThreadTarget } from '../chat/target.js';
import type { TokenUsage } from '../llm/usage.js';

// Records the chat side keeps: morning-post subscriptions, threads bound to a report, and the counters
// behind rate limits and token budgets. Plain JSON, so any keyv backend holds them.

/** Which platform a chat record belongs to; ids are only unique within one. */
export type Platform = 'discord' | 'slack' | 'console';

export type ReportSection = 'summary' | 'today' | 'week' | 'month' | 'communities' | 'analysis' | 'full';

/** The morning post of one channel. Keyed by `channelKey(target)`. */
export interface Subscription {
  /** The channel that receives the post (never a thread). */
  target: ChatTarget;
  /** Local time of the post, HH:MM (24 h). */
  time: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
  sections: ReportSection[];
  createdBy: string;
  createdAt: string;
}

export interface ThreadTurn {
  role: 'user' | 'assistant';
  text: string;
  at: string;
  userId?: string;
  /** Assistant turns: who wrote the answer, and what it cost (null for offline answers). */
  source?: 'claude' | 'offline';
  usage?: TokenUsage | null;
}

/** A chat thread opened under a report post or a /trends answer. Keyed by `threadKey(target)`. */
export interface ThreadBinding {
  target: ThreadTarget;
  /** The report the thread talks about. */
  reportDate: string;
  createdAt: string;
  turns: ThreadTurn[];
}

/** A fixed-window counter: how many events since `windowStart` (ISO). */
export interface WindowCounter {
  windowStart: string;
  count: number;
}
