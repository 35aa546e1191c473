// Escaping for text placed inside a Markdown table cell or link label. Backslash escapes work for any
// ASCII punctuation in CommonMark/GFM; we escape only what could change the structure: the cell divider
// `|`, link brackets, emphasis and code markers, and angle brackets (autolinks, HTML).

const special = /[\\|[\]*_`<>~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(special, (c) => `\\${c}`);
}
