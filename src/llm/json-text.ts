import { withoutThinking } from './strip-thinking.js';

// The JSON object inside a model's text. A model without structured output (or one that ignores it)
// writes "Sure! Here is the analysis:", a ```json fence, the object, and a closing remark; some also
// think aloud first (<think>…</think>). This finds the first complete top-level object and returns
// its text, or the trimmed input when there is none (so the JSON parser reports the error).
//
// It runs on the event loop with everything else (heartbeats, acks, health checks), on text a server
// chose: one pass, and only over the first `maxChars` characters. (Scanning to the end again from every
// "{" took 146 s for 128,000 unclosed braces.)

/** More than any analysis a model is allowed to write (8,000 tokens), thinking included. */
export const MAX_JSON_SEARCH_CHARS = 200_000;

export function jsonObjectIn(text: string, maxChars = MAX_JSON_SEARCH_CHARS): string {
  const visible = withoutThinking(text.length > maxChars ? text.slice(0, maxChars) : text);
  const found = firstObject(visible);
  return found ? visible.slice(found.start, found.end + 1) : visible.trim();
}

/**
 * The object that starts at the earliest "{" and closes, skipping strings. One pass with a stack of open
 * braces: the first brace closing ends the search (nothing can start earlier); otherwise, at the end, the
 * earliest brace that did close (a stray "{" in the prose before the object never closes).
 */
function firstObject(text: string): { start: number; end: number } | undefined {
  const open: number[] = [];
  let best: { start: number; end: number } | undefined;
  let inString = false;
  for (let i = text.indexOf('{'); i !== -1 && i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') open.push(i);
    else if (ch === '}' && open.length > 0) {
      const start = open.pop()!;
      if (open.length === 0) return { start, end: i };
      if (!best || start < best.start) best = { start, end: i };
    }
  }
  return best;
}
