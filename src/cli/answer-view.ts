import type { AnswerProgress } from '../followup/follow-ups.js';
import { formatDuration } from '../reply/source-line.js';
import { stripControls } from '../text/clean.js';
import { formatCount } from '../text/count.js';

// `ai-trends ask` on a terminal, while a model answers: a small CPU model reads a question's prompt for a
// minute or more before it writes a word, and a silent terminal looks hung. On stderr, when it is a
// terminal: one progress line, rewritten each second ("qwen2.5: reading 1,200 prompt tokens, about 1 min
// at the slowest expected speed… 12 s"), then the answer as the model writes it. When the answer is
// complete, the live draft is erased and the caller prints the grounded reply (cited posts linked, numbers
// checked) on stdout. A pipe or a file gets none of this: only the final reply, as before.

export interface TerminalStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

const ERASE_LINE = '\r\x1b[2K';

export class AnswerView {
  private line = '';
  private draft = '';
  private rows = 0;
  private timer: NodeJS.Timeout | undefined;
  private since = 0;
  private stage: AnswerProgress | undefined;

  constructor(
    private readonly out: TerminalStream,
    /** The clock the elapsed time is read from (injected for tests). */
    private readonly now: () => number = () => Date.now(),
    private readonly tickMs = 1_000,
  ) {}

  /** Whether anything is shown at all: only on a terminal. */
  get live(): boolean {
    return this.out.isTTY === true;
  }

  progress(event: AnswerProgress): void {
    if (!this.live) return;
    this.stage = event;
    this.since = this.now();
    if (event.stage === 'reading') {
      this.showLine();
      clearInterval(this.timer);
      this.timer = setInterval(() => this.showLine(), this.tickMs);
      this.timer.unref();
    } else {
      this.clearLine();
    }
  }

  /** A piece of the answer as written (already cleaned of pings, links and markers). */
  text(delta: string): void {
    if (!this.live || !delta) return;
    if (this.line) this.clearLine();
    // Cleaned again here (the deltas already are): no control sequence may reach a terminal.
    const shown = stripControls(delta);
    this.draft += shown;
    this.out.write(shown);
  }

  /** Erases what was shown (progress and draft), so the final reply stands alone. */
  finish(): void {
    clearInterval(this.timer);
    if (!this.live) return;
    this.clearLine();
    if (!this.draft) return;
    const width = Math.max(20, this.out.columns ?? 80);
    this.rows = this.draft.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / width)), 0);
    // Up to the draft's first row, then clear to the end of the screen.
    this.out.write(`\r${this.rows > 1 ? `\x1b[${this.rows - 1}A` : ''}\x1b[J`);
    this.draft = '';
  }

  private showLine(): void {
    const event = this.stage;
    if (!event || event.stage !== 'reading') return;
    const tokens = formatCount(event.promptTokens);
    const expected = event.expectedMs > 0 ? `, up to about ${formatDuration(event.expectedMs)} at the slowest expected speed` : '';
    this.line = `${event.model}: reading ${tokens} prompt tokens${expected}… ${formatDuration(this.now() - this.since)}`;
    this.out.write(`${ERASE_LINE}${this.line}`);
  }

  private clearLine(): void {
    if (!this.line) return;
    this.out.write(ERASE_LINE);
    this.line = '';
  }
}
