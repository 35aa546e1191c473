import type { ChatTarget } from '../chat/target.js';
import type { AlertLevel } from './levels.js';
import type { Mover } from './movers.js';

// What the store keeps for alerts: each channel's setting, each channel's alerts of a UTC day (the ledger
// that makes every alert go out once, counts the day's cap and lets the morning post mark what was
// alerted), and the watcher's numbers from its previous look.

/** Quiet hours, local HH:MM to HH:MM (may pass midnight). */
export interface QuietHours {
  from: string;
  to: string;
}

/** A channel's alerts. Keyed by `channelKey(target)`. */
export interface AlertSetting {
  target: ChatTarget;
  level: AlertLevel;
  quiet?: QuietHours;
  setBy: string;
  setAt: string;
}

/** One alert of a channel: `posting` before it goes out (so a killed process leaves a trace), `done` after. */
export interface AlertEntry {
  postId: string;
  state: 'posting' | 'done';
  /** When it went out (or was started), ISO. */
  at: string;
  title: string;
  subreddit: string;
  messageId?: string;
  threadId?: string;
  recovered?: boolean;
}

/** A channel's alerts on one UTC day. Keyed by `alertDayKey`. */
export interface AlertDay {
  target: ChatTarget;
  date: string;
  alerts: AlertEntry[];
}

/** What the watcher saw of a post at its looks: the first (for "+N points in D") and the last. */
export interface SeenPost {
  score: number | null;
  at: string;
  firstScore: number | null;
  firstAt: string;
  /** Feeds: its place in today's top at the last look. */
  dayRank?: number;
}

/** The watcher's previous look. Keyed by the source mode ('api' or 'feeds'). */
export interface WatchState {
  at: string;
  posts: Record<string, SeenPost>;
}

/**
 * What one look found, kept for the period it covers: the process that made the look (it holds the
 * period's claim) writes it; every other process with alert channels (a Discord shard, a second bot)
 * reads it instead of asking Reddit again, and alerts its own channels from it. Keyed by the period
 * number, `floor(time / ALERT_POLL_MINUTES)`.
 */
export interface StoredLook {
  at: string;
  movers: Mover[];
}

export function alertDayKey(channelKey: string, date: string): string {
  return `${channelKey}:${date}`;
}

/** The key of the list of channels with alerts on. */
export const ALERT_INDEX = 'index';
