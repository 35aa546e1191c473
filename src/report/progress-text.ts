import type { BuildProgress } from '../store/records.js';

// A build's progress in words, the same for the terminal's progress line and for a /trends asked while the
// report is being collected: where the posts come from, requests done of those planned, the current wait
// and why, and about how long is left.

export interface ProgressWords {
  /** "Reddit's public feeds", "Reddit's API", or "Reddit" before the ladder said which. */
  from: string;
  /** "3/7 requests", when the rung counts them. */
  requests?: string;
  /** "waiting 55 s: Reddit's rate limit", while the rung waits before its next request. */
  waiting?: string;
  /** "about 4 min left", once the pace is known. */
  left?: string;
}

export function progressWords(progress: BuildProgress | undefined, nowMs: number): ProgressWords {
  if (!progress) return { from: 'Reddit' };
  const from = progress.rung === 'feeds' ? "Reddit's public feeds" : progress.rung === 'api' ? "Reddit's API" : 'Reddit';
  const words: ProgressWords = { from };
  if (progress.planned > 0) words.requests = `${progress.done}/${progress.planned} requests`;
  const waitLeftMs = waitLeft(progress, nowMs);
  if (waitLeftMs > 0) words.waiting = `waiting ${Math.ceil(waitLeftMs / 1000)} s${progress.why ? `: ${progress.why}` : ''}`;
  const left = timeLeftMs(progress, nowMs);
  if (left !== undefined) words.left = left < 60_000 ? 'less than a minute left' : `about ${Math.round(left / 60_000)} min left`;
  return words;
}

/** What is left of the wait the rung announced. */
function waitLeft(progress: BuildProgress, nowMs: number): number {
  return progress.waitMs ? Math.max(0, progress.waitMs - (nowMs - Date.parse(progress.updatedAt))) : 0;
}

/**
 * The wait under way plus the requests still planned at the pace so far (the time per request done); unknown
 * before the first request is done, unless the rung is waiting (then the wait is the least there is).
 */
function timeLeftMs(progress: BuildProgress, nowMs: number): number | undefined {
  const remaining = Math.max(0, progress.planned - progress.done);
  const elapsed = nowMs - Date.parse(progress.startedAt);
  const perRequest = progress.done > 0 && elapsed > 0 ? elapsed / progress.done : undefined;
  const wait = waitLeft(progress, nowMs);
  if (perRequest === undefined) return wait > 0 ? wait : undefined;
  return wait + remaining * perRequest;
}
