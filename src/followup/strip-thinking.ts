// A reasoning model served over an OpenAI-compatible API may think aloud in the text ("<think>…</think>")
// before it answers. withoutThinking drops that part from the final answer; StripThinking does the same
// for the streamed deltas, so a message that grows as the answer is written never shows the model's thinking.

/** The whole answer without its thinking (an unfinished thought runs to the end and is dropped too). */
export function withoutThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?(<\/think>|$)\s*/gi, '');
}

const OPEN = '<think>';
const CLOSE = '</think>';

export class StripThinking {
  private held = '';
  private thinking = false;
  /** Right after a "</think>": the whitespace before the answer is dropped too. */
  private trimStart = false;

  push(delta: string): string {
    let text = this.held + delta;
    this.held = '';
    let out = '';
    for (;;) {
      if (this.trimStart) {
        text = text.replace(/^\s+/, '');
        if (!text) return out;
        this.trimStart = false;
      }
      const tag = this.thinking ? CLOSE : OPEN;
      const at = text.toLowerCase().indexOf(tag);
      if (at === -1) {
        // A tag may be cut between two deltas: hold the end that could start one.
        const keep = partialTagAtEnd(text, tag);
        this.held = text.slice(text.length - keep);
        return this.thinking ? out : out + text.slice(0, text.length - keep);
      }
      if (!this.thinking) out += text.slice(0, at);
      text = text.slice(at + tag.length);
      this.trimStart = this.thinking;
      this.thinking = !this.thinking;
    }
  }

  /** What is still held; an unfinished thought is dropped, as in the final answer. */
  end(): string {
    const rest = this.thinking ? '' : this.held;
    this.held = '';
    return rest;
  }
}

/** How many characters at the end of `text` are the start of `tag` (case-insensitive). */
function partialTagAtEnd(text: string, tag: string): number {
  const lower = text.toLowerCase();
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (lower.endsWith(tag.slice(0, n))) return n;
  return 0;
}
