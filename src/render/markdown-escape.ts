import { displayText } from '../text/clean.js';
import { truncateVisible } from '../text/visible.js';

// Escaping for text placed inside a Markdown table cell or link label. Backslash escapes work for any
// ASCII punctuation in CommonMark/GFM; we escape only what could change the structure: the cell divider
// `|`, link brackets, emphasis and code markers, and angle brackets (autolinks, HTML).

const special = /[\\|[\]*_`<>~]/g;

// An `&` that starts something entity-shaped (`&copy;`, `&#39;`) would be decoded by the Markdown renderer;
// `\&` keeps it literal text. A lone `&` ("Q&A", "Space & Astro") is left as it is.
const entityStart = /&(?=#?[a-z0-9]+;)/gi;

export function escapeMarkdown(text: string): string {
  return text.replace(special, (c) => `\\${c}`).replace(entityStart, '\\&');
}

/**
 * Reddit's own limit for a title: every real one is shown whole (the reference report cut them at 60, which a
 * Markdown file has no reason to). Only text from elsewhere that is longer is cut, so no cell grows without end.
 */
export const TITLE_MAX = 300;
/** Reddit's limit for a flair's text. */
export const FLAIR_MAX = 64;

/** Plain text made safe for one table cell or link label, cut to `max` visible characters when given. */
export function cellText(text: string, max?: number): string {
  // Titles are decoded when parsed, but a post from elsewhere (an old stored snapshot, another source) may
  // still hold `&amp;` or `&nbsp;`: decode here too, so no entity reaches a reader and the cut counts
  // what the reader sees.
  const line = displayText(text);
  return escapeMarkdown(max ? truncateVisible(line, max) : line);
}
