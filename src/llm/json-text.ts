// The JSON object inside a model's text. A model without structured output (or one that ignores it)
// writes "Sure! Here is the analysis:", a ```json fence, the object, and a closing remark; some also
// think aloud first (<think>…</think>). This finds the first complete top-level object and returns
// its text, or the trimmed input when there is none (so the JSON parser reports the error).

export function jsonObjectIn(text: string): string {
  const visible = text.replace(/<think>[\s\S]*?<\/think>/gi, '');
  for (let start = visible.indexOf('{'); start !== -1; start = visible.indexOf('{', start + 1)) {
    const end = endOfObject(visible, start);
    if (end !== -1) return visible.slice(start, end + 1);
  }
  return visible.trim();
}

/** The index of the `}` that closes the object opened at `start`, skipping strings; -1 if it never closes. */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}
