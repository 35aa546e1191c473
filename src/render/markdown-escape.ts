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
