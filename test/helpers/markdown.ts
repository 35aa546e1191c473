// Reading rendered Markdown the way a GFM renderer would, for assertions.

/** Table cell dividers in a line: `|` not escaped by a backslash. */
export function countDividers(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') count++;
  }
  return count;
}

/** Characters of `chars` in `text` that are not backslash-escaped. */
export function unescaped(text: string, chars: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (chars.includes(text[i]!)) found.push(text[i]!);
  }
  return found;
}

/** HTML entities a Markdown renderer would decode (an `&` escaped with a backslash is literal text). */
export const liveEntity = /(?<!\\)&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;

/** Every Markdown table in the text, as arrays of lines (header, delimiter, rows). */
export function tables(markdown: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The cells of a table row, split on unescaped dividers, trimmed. */
export function cells(line: string): string[] {
  const parts: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') {
      cell += line.slice(i, i + 2);
      i++;
    } else if (line[i] === '|') {
      parts.push(cell);
      cell = '';
    } else cell += line[i];
  }
  parts.push(cell);
  return parts.slice(1, -1).map((c) => c.trim());
}

/** The link label of the row that links to post `id`. */
export function labelOf(markdown: string, id: string): string {
  const target = `](https://www.reddit.com/comments/${id})`;
  const line = markdown.split('\n').find((l) => l.includes(target));
  if (!line) throw new Error(`no row for ${id}`);
  return line.slice(line.indexOf('| [') + 3, line.indexOf(target));
}
