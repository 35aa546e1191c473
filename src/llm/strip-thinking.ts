// A reasoning model served over an OpenAI-compatible API may think aloud in the text ("<think>…</think>")
// before it answers. withoutThinking drops that part from a whole answer (a follow-up answer, or the text
// an analysis' JSON is looked for in); StripThinking does the same for streamed deltas, so a message that
// grows as the answer is written never shows the model's thinking.
//
// The tag is read as models and chat templates write it: any case, a space or attributes before ">"
// ("<think >", "<THINK>", "<think mode=\"deep\">"), but not a longer word ("<thinking>", "<thinker>").
// A thought that never closes runs to the end: everything after it is reasoning, never answer. Both
// functions work in one pass, so a text of nothing but opening tags costs no more than its length.

/** An opening tag; attributes are bounded, so a "<think " with no ">" is not read as a tag to the end. */
const OPEN = /<think(?:\s[^<>]{0,200})?>/gi;
const CLOSE = /<\/think\s{0,20}>/gi;
/** What may still grow into an opening or a closing tag at the end of a delta. */
const PARTIAL_OPEN = /<(?:t(?:h(?:i(?:n(?:k(?:\s[^<>]{0,200})?)?)?)?)?)?$/i;
const PARTIAL_CLOSE = /<(?:\/(?:t(?:h(?:i(?:n(?:k\s{0,20})?)?)?)?)?)?$/i;

/** The whole answer without its thinking (an unfinished thought runs to the end and is dropped too). */
export function withoutThinking(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = find(OPEN, text, at);
    if (!open) return out + text.slice(at);
    out += text.slice(at, open.index);
    const close = find(CLOSE, text, open.index + open[0].length);
    if (!close) return out;
    at = skipSpace(text, close.index + close[0].length);
  }
}

export class StripThinking {
  private held = '';
  private thinking = false;
  /** Right after a closing tag: the whitespace before the answer is dropped too. */
  private trimStart = false;

  push(delta: string): string {
    let text = this.held + delta;
    this.held = '';
    let out = '';
    for (;;) {
      if (this.trimStart) {
        text = text.slice(skipSpace(text, 0));
        if (!text) return out;
        this.trimStart = false;
      }
      const tag = find(this.thinking ? CLOSE : OPEN, text, 0);
      if (!tag) {
        // A tag may be cut between two deltas: hold the end that could start one.
        const partial = (this.thinking ? PARTIAL_CLOSE : PARTIAL_OPEN).exec(text);
        const keep = partial ? text.length - partial.index : 0;
        this.held = text.slice(text.length - keep);
        return this.thinking ? out : out + text.slice(0, text.length - keep);
      }
      if (!this.thinking) out += text.slice(0, tag.index);
      text = text.slice(tag.index + tag[0].length);
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

function find(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}
