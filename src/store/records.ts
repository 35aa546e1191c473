import type { ChatTarget, ThreadTarget } from '../chat/target.js';
import type { TokenUsage } from '../llm/usage.js';
import type { Report, CollectProgress } from '../models.js';

// Records the chat side keeps: morning-post subscriptions, threads bound to a report, and the counters
// behind rate limits and token budgets. Plain JSON, so any keyv backend holds them.

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
  /** Issue 20's per-channel settings; absent on older records (every configured community, any topic, ANALYSIS_LANGUAGE, daily). */
  communities?: string[];
  /** `+agents`, `-crypto`: words to keep and to leave out. */
  topics?: string[];
  /** A BCP-47 tag: the analysis in that language. */
  language?: string;
  /** `daily` (absent), `weekdays`, `mon,wed,fri`, or `weekly:mon` (a week digest). */
  days?: string;
  createdBy: string;
  createdAt: string;
  /**
   * Set when a morning post failed for good (channel deleted, bot removed, a permission missing): no
   * more posts until an admin runs /subscribe there again, which replaces the record.
   */
  paused?: DeliveryProblem & { at: string; reportDate: string };
}

/** What went wrong with a morning post, in the words of the chat port (ChatError). */
export interface DeliveryProblem {
  code: string;
  message: string;
  /** What an admin can do about it. */
  hint?: string;
}

/**
 * Where one channel's morning post of one report stands. `posting` is written before the post goes out,
 * so a process killed mid-way leaves a trace: the next attempt asks the platform whether the post is
 * there before posting again.
 */
export type DeliveryState = 'posting' | 'retrying' | 'done' | 'failed' | 'missed';

/** One morning post in the ledger. Keyed by `deliveryKey` (platform, channel, report date). */
export interface DeliveryRecord {
  target: ChatTarget;
  reportDate: string;
  /** When it was due (the channel's local time that day). */
  dueAt: string;
  state: DeliveryState;
  attempts: number;
  updatedAt: string;
  /** Retrying: not before this instant. */
  nextAttemptAt?: string;
  /** Done: the post (and its thread) on the platform. */
  messageId?: string;
  threadId?: string;
  /** Done by finding the post of an earlier attempt that was killed before it could write "done". */
  recovered?: boolean;
  durationMs?: number;
  problem?: DeliveryProblem;
}

export interface ThreadTurn {
  role: 'user' | 'assistant';
  text: string;
  at: string;
  userId?: string;
  /** Assistant turns: who wrote the answer, and what it cost (null for offline answers). */
  source?: 'claude' | 'openai' | 'offline';
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

/**
 * A thread bound to a report just now, with nothing said in it yet: what ThreadStore.bind writes for a new
 * thread, and what a morning post writes together with its ledger entry.
 */
export function newThreadBinding(target: ThreadTarget, reportDate: string, at: Date): ThreadBinding {
  return { target: { platform: target.platform, workspaceId: target.workspaceId, channelId: target.channelId, threadId: target.threadId }, reportDate, createdAt: at.toISOString(), turns: [] };
}

/** A fixed-window counter: how many events since `windowStart` (ISO). */
export interface WindowCounter {
  windowStart: string;
  count: number;
}

/**
 * A day whose posts could not be collected (every live rung failed): the report served instead (the newest
 * stored live day marked stale, or the bundled sample marked), until `retryAt`, when Reddit is asked again.
 * Kept apart from the day's reports: it never stands for that day's posts. Keyed by the UTC date.
 */
export interface ReportFallback {
  report: Report;
  /** Why today's collection failed (redacted), as the report's warning says it. */
  reason: string;
  retryAt: string;
}

/** How far the day's build has got (a feeds build takes minutes), for a /trends asked meanwhile. Keyed by date. */
export interface BuildProgress extends CollectProgress {
  startedAt: string;
  updatedAt: string;
}
