import { stripControls } from '../text/clean.js';
import { neutraliseMentions } from '../text/mentions.js';
import { stripUnknownLinks } from '../text/links.js';

// Streaming for adapters that edit a message as it grows. The deltas are cleaned like the final answer
// (no control or bidi character, no pings, no links to unknown places) before anyone sees them. A mention
// or a URL can be split across two deltas ("@every" + "one"), so text is released only up to the last
// whitespace: both contain none.

/** Longest run held back waiting for whitespace (text without spaces, e.g. Chinese, still flows). */
const MAX_HELD = 200;
/** Characters a mention or URL can be made of: a held run is only cut before one of these. */
const linkish = /[A-Za-z0-9@<>!&^|:/._~%?#=+\-[\]()]/;

export class CleanDeltas {
  private held = '';
  private lastShown = '';

  constructor(private readonly isKnownPost: (postId: string) => boolean) {}

  /** Takes a raw delta; returns the cleaned text that is safe to show now (maybe empty). */
  push(delta: string): string {
    // Controls go as they arrive, before anything else looks at the text: stripped later, one between
    // "@every" and "one" (or inside "https") would join a ping or a link the checks below never saw, and
    // a held run cut after one would lose it at the cut.
    this.held += stripControls(delta);
    let cut = Math.max(this.held.lastIndexOf(' '), this.held.lastIndexOf('\n'), this.held.lastIndexOf('\t')) + 1;
    if (cut === 0 && this.held.length > MAX_HELD) {
      cut = this.held.length;
      while (cut > 0 && linkish.test(this.held[cut - 1]!)) cut--;
    }
    if (cut === 0) return '';
    const ready = this.held.slice(0, cut);
    this.held = this.held.slice(cut);
    return this.clean(ready);
  }

  /** The rest, at the end of the stream. */
  end(): string {
    const rest = this.held;
    this.held = '';
    return rest ? this.clean(rest) : '';
  }

  private clean(text: string): string {
    let cleaned = neutraliseMentions(stripUnknownLinks(text, this.isKnownPost));
    // A link removed at the start of a chunk leaves the space after it next to the one already shown.
    if (/^\S/.test(text) && /\s$/.test(this.lastShown)) cleaned = cleaned.replace(/^[ \t]+/, '');
    if (cleaned) this.lastShown = cleaned;
    return cleaned;
  }
}

/** A one-producer, one-consumer queue of strings that can be iterated once (or never: nothing blocks). */
export class TextChannel implements AsyncIterable<string> {
  private readonly items: string[] = [];
  private closed = false;
  private wake: (() => void) | undefined;

  push(text: string): void {
    if (this.closed || !text) return;
    this.items.push(text);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
