import { charsForTokens } from './tokens.js';
import { formatCount } from '../text/count.js';

// The limits every answer a model writes is held to as it arrives, whatever the server does with the
// max_tokens it was sent: a server that ignores it (or is not a model at all) could otherwise stream
// megabytes into a thread, or never stop. An answer is cut at whichever comes first:
// - tokens: the arriving text (thinking included, as max_tokens counts it) passes the answer's token
//   allowance by half again, counted with the project's estimate (3 characters a token: English runs
//   nearer 4, so the margin keeps an honest server's whole answer);
// - characters: MAX_ANSWER_CHARS, whatever the token setting (about six Discord messages);
// - time: the deadline, counted from the request (an idle timer alone is reset by every empty delta).
// What arrived before the cut is kept; the caller says it was cut.

/** The most characters any answer may have, whatever FOLLOWUP_MAX_ANSWER_TOKENS says. */
export const MAX_ANSWER_CHARS = 12_000;
/** How far past its token allowance arriving text may run before it is cut (see above). */
const TOKEN_MARGIN = 1.5;

export type CutReason = 'length' | 'deadline';

export interface AnswerLimits {
  /** The answer's token allowance (the max_tokens the request asked for). */
  maxTokens: number;
  /** From the request to the last word. */
  deadlineMs: number;
}

/** The deadline passed before the model wrote anything: there is nothing to keep. */
export class AnswerDeadlineError extends Error {
  override name = 'AnswerDeadlineError';
  constructor(readonly deadlineMs: number) {
    super(`no answer within ${seconds(deadlineMs)} s (FOLLOWUP_ANSWER_DEADLINE_MS)`);
  }

  /** For the note above the offline answer. */
  get shortReason(): string {
    return `no answer within ${seconds(this.deadlineMs)} s`;
  }
}

export class AnswerCap {
  /** Why the answer was cut; undefined while it is within its limits. */
  cut: CutReason | undefined;
  /** Characters let through so far. */
  taken = 0;
  private readonly maxChars: number;
  private readonly timer: NodeJS.Timeout;

  /** `stop` ends the request (aborts the stream): called once, when a limit is passed. */
  constructor(
    readonly limits: AnswerLimits,
    private readonly stop: () => void,
  ) {
    this.maxChars = Math.min(MAX_ANSWER_CHARS, charsForTokens(limits.maxTokens * TOKEN_MARGIN));
    this.timer = setTimeout(() => this.end('deadline'), limits.deadlineMs);
  }

  /** Takes an arriving delta (or a whole answer); returns the part within the limits ('' once the answer is cut). */
  take(delta: string): string {
    if (this.cut) return '';
    const room = this.maxChars - this.taken;
    if (delta.length <= room) {
      this.taken += delta.length;
      return delta;
    }
    this.end('length');
    const kept = cutAt(delta, room);
    this.taken += kept.length;
    return kept;
  }

  /** Stops the deadline's timer once the answer is complete (or failed). */
  done(): void {
    clearTimeout(this.timer);
  }

  private end(reason: CutReason): void {
    if (this.cut) return;
    this.cut = reason;
    clearTimeout(this.timer);
    this.stop();
  }
}

/** The note under an answer that was cut. */
export function cutNote(reason: CutReason, limits: AnswerLimits): string {
  return reason === 'length' ? 'answer cut: it passed the length limit' : `answer cut: it took longer than ${seconds(limits.deadlineMs)} s`;
}

/** "0.8", "120": milliseconds as seconds for a note, one decimal at most. */
export function seconds(ms: number): string {
  return formatCount(ms / 1000, { decimals: 1 });
}

/** The first `length` UTF-16 units of `text`, never half a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (length <= 0) return '';
  const end = /[\uD800-\uDBFF]/.test(text[length - 1] ?? '') ? length - 1 : length;
  return text.slice(0, end);
}
