// Text as a reader sees it: one line, ordinary spaces, lengths counted in graphemes (an emoji or an
// accented letter is one character on screen, however many code units it takes).

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * C0 controls and DEL, except the ones that are whitespace (tab, line breaks): ESC and BEL are what make
 * "ESC ]0;title BEL" retitle a terminal and "ESC [2J" clear it. Callers decide what the whitespace becomes.
 */
export const c0Controls = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Collapses line breaks, tabs, no-break and zero-width spaces into single ordinary spaces. */
export function oneLine(text: string): string {
  return (
    text
      // Invisible zero-width spaces and BOMs go. The zero-width (non-)joiners U+200C/U+200D stay: they are
      // part of emoji sequences (👨‍💻 would become 👨💻, two characters) and of Persian and Indic words.
      .replace(/[\u200b\u2060\ufeff]/g, '')
      // Control characters go before whitespace is collapsed, so "a \u0007 b" leaves one space, not two.
      .replace(c0Controls, '')
      .replace(/[\s\u00a0\u2028\u2029]+/g, ' ')
      .trim()
  );
}

/** Text longer than `max` visible characters keeps its first `max − 3` and gains "...". */
export function truncateVisible(text: string, max: number): string {
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  return graphemes.length <= max ? text : graphemes.slice(0, max - 3).join('') + '...';
}

/**
 * Like `truncateVisible`, for limits counted in UTF-16 units (Discord thread names, Slack headers): a
 * grapheme can be several units (an emoji, a letter with a joiner), so it cuts until the text fits.
 */
export function truncateUnits(text: string, max: number): string {
  let cut = text;
  for (let graphemes = max; cut.length > max && graphemes > 3; graphemes--) cut = truncateVisible(text, graphemes);
  return cut.length > max ? cut.slice(0, max) : cut;
}
