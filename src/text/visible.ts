// Text as a reader sees it: one line, ordinary spaces, lengths counted in graphemes (an emoji or an
// accented letter is one character on screen, however many code units it takes).

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Collapses line breaks, tabs, no-break and zero-width spaces into single ordinary spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
}

/** Text longer than `max` visible characters keeps its first `max − 3` and gains "...". */
export function truncateVisible(text: string, max: number): string {
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  return graphemes.length <= max ? text : graphemes.slice(0, max - 3).join('') + '...';
}
