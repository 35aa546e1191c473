import { progressWords } from '../report/progress-text.js';
import type { BuildProgress } from '../store/records.js';
import type { CollectProgress } from '../models.js';

// `ai-trends report` collecting from the public feeds can take minutes: on a terminal, one line on stderr
// says how far it has got and what it waits for, rewritten in place (and once a second during a wait, so
// the count-down moves). On a pipe or a file nothing is drawn: scripts and logs get no control characters.

export interface ProgressLine {
  update(progress: CollectProgress): void;
  /** Erases the line (before the report's own lines are written). */
  clear(): void;
}

const ERASE_LINE = '\r\x1b[2K';

export function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, clock: () => number = Date.now): ProgressLine {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  const startedAt = new Date(clock()).toISOString();
  let latest: BuildProgress | undefined;
  let ticker: NodeJS.Timeout | undefined;
  const draw = () => {
    if (!latest) return;
    const words = progressWords(latest, clock());
    const parts = [words.requests, words.waiting, words.left].filter(Boolean).join(', ');
    const text = `Collecting today's posts from ${words.from}${parts ? `: ${parts}` : ''}`;
    // Never wider than the terminal: a wrapped line could not be rewritten in place.
    stream.write(`${ERASE_LINE}${text.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
  };
  const stopTicking = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
  };
  return {
    update(progress) {
      latest = { ...progress, startedAt, updatedAt: new Date(clock()).toISOString() };
      stopTicking();
      draw();
      if (progress.waitMs && progress.waitMs > 1_000) {
        ticker = setInterval(draw, 1_000);
        ticker.unref();
      }
    },
    clear() {
      stopTicking();
      if (latest) stream.write(ERASE_LINE);
      latest = undefined;
    },
  };
}
