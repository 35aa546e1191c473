// Text into HTML for the README's pictures: every character a message carries is shown as text, so a
// title with <script> or & reads as it was written and nothing in it becomes markup.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An http(s) URL as an href, or undefined for anything else (javascript:, data:, relative). */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? escapeHtml(url) : undefined;
}

/** A link as the platforms show one: colored text, opening in a new tab. */
export function link(href: string, innerHtml: string): string {
  return `<a href="${href}" target="_blank" rel="noopener">${innerHtml}</a>`;
}
