// Fitting rendered text into messages of a bounded size without breaking what it means: pieces are
// whole lines or blocks (a post line, a paragraph), packed greedily; only a piece longer than a whole
// message is cut, and then at a space outside any link, so no link, emphasis or Markdown token is torn.

/** One unit of rendered text and what joins it to the unit before it in the same message. */
export interface Piece {
  text: string;
  /** '\n' inside a block, '\n\n' between blocks; dropped where a new message starts. */
  joiner: string;
}

/**
 * Spans of `text` that must not be cut: Markdown links `[label](<url>)` or `[label](url)`, Slack links
 * `<url|label>`, angle-bracketed URLs, and bold or italic runs (`**…**`, `*…*`: renderers emphasise only
 * short spans, so a cut between messages never leaves a "**" without its pair).
 */
// Bounded lengths (a link label is a cut title, a URL a Reddit address): an unbounded pattern would
// backtrack quadratically over a long text full of "[" (seen with hostile titles).
const unbreakable = /\[(?:\\.|[^\]\\\n]){0,600}\]\(<?[^)\s>]{0,400}>?\)|<[^<>\s][^<>\n]{0,600}>|\*\*(?:\\.|[^*\\\n]){1,600}\*\*|(?<![\\*])\*(?:\\.|[^*\\\n]){1,600}\*/g;
/**
 * Bold or italic only on a span this short: a longer one could not be kept whole when cut between two
 * messages, leaving each with an unmatched `**`. Emphasis marks a phrase; a page of bold reads no better.
 */
export const EMPHASIS_MAX = 400;
/** Links are looked for only this far past a cut: none is longer. */
const LINK_MAX = 1_200;

/** Cuts one over-long text into parts of at most `max` characters, at spaces outside links. */
export function cutText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): number {
  const protectedSpans: Array<[number, number]> = [];
  for (const match of text.slice(0, max + LINK_MAX).matchAll(unbreakable)) protectedSpans.push([match.index, match.index + match[0].length]);
  const inside = (i: number) => protectedSpans.some(([start, end]) => i > start && i < end);
  // The last line break, else the last space, at or before `max` and outside every link.
  for (const separator of ['\n', ' ']) {
    for (let i = max; i > max / 3; i--) if (text[i] === separator && !inside(i)) return i;
  }
  // No such place (a single huge link or word): cut before the link that crosses `max`, else at `max`,
  // never between the two halves of a surrogate pair.
  const crossing = protectedSpans.find(([start, end]) => start > 0 && start < max && end > max);
  if (crossing) return crossing[0];
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** Packs pieces into messages of at most `max` characters; a piece longer than `max` is cut first. */
export function packPieces(pieces: Piece[], max: number): string[] {
  const messages: string[] = [];
  let current = '';
  for (const piece of pieces) {
    for (const [i, part] of cutText(piece.text, max).entries()) {
      const joiner = i === 0 ? piece.joiner : '\n';
      if (current && current.length + joiner.length + part.length <= max) {
        current += joiner + part;
      } else {
        if (current) messages.push(current);
        current = part;
      }
    }
  }
  if (current) messages.push(current);
  return messages;
}
