import type { TokenUsage } from '../llm/usage.js';

// Records the chat side keeps: morning-post subscriptions, threads bound to a report, and the counters
// behind rate limits and token budgets. Plain JSON, so any keyv backend holds them.

/** Which platform a chat record belongs to; ids are only unique within one. */
export type Platform = 'discord' | 'slack' | 'console';

export type ReportSection = 'summary' | 'today' | 'week' | 'month' | 'communities' | 'analysis' | 'full';

/** The morning post of one channel. Keyed `${platform}:${channelId}`. */
export interface Subscription {
  platform: Platform;
  /** Discord guild or Slack workspace (team) id. */
  workspaceId: string;
  channelId: string;
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

/** A chat thread opened under a report post or a /trends answer. Keyed `${platform}:${threadId}`. */
export interface ThreadBinding {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadId: string;
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
