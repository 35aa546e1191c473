import { expect } from 'vitest';
import { containsMention } from '../../src/text/mentions.js';

// What no output may hold, whatever Reddit, the model or a user sent: a ping, a link anywhere but a
// Reddit post or community, a control or bidi character. One check for every renderer's output.

/** The only places an output may link to. */
export const allowedLink = /^https:\/\/www\.reddit\.com\/(comments\/[a-z0-9]+|r\/[A-Za-z0-9_]+)\/?$/;

/** A control character (C0 but tab and line breaks, DEL, C1) or a bidi mark, override or isolate. */
export const controlOrBidi = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Every URL a reader could follow: Markdown link targets, <angle> links, Slack <url|label>, bare URLs.
 * `markup: false` for plain text (a terminal), where only a bare URL can be followed.
 */
export function linksIn(text: string, { markup = true }: { markup?: boolean } = {}): string[] {
  const links: string[] = [];
  if (!markup) return [...text.matchAll(/\bhttps?:\/\/[^\s<>)\]|"]+/gi)].map((m) => m[0]);
  // A Markdown link target follows an unescaped "](" (an escaped "\]\(" in a label is text).
  for (const m of text.matchAll(/(?<!\\)\]\(<?([^)\s>]+)>?\)/g)) links.push(m[1]!);
  for (const m of text.matchAll(/<(https?:\/\/[^|>\s]+)(\|[^>]*)?>/g)) links.push(m[1]!);
  const rest = text.replace(/(?<!\\)\]\(<?[^)\s>]+>?\)/g, '').replace(/<https?:\/\/[^>\s]+>/g, '');
  for (const m of rest.matchAll(/\bhttps?:\/\/[^\s<>)\]|"]+/gi)) links.push(m[0]);
  for (const m of rest.matchAll(/(?<![\w.\/])www\.[^\s<>)\]|"]+/gi)) links.push(m[0]);
  return links;
}

export function assertSafeOutput(text: string, options: { markup?: boolean } = {}): void {
  expect(containsMention(text), `a ping in: ${text.match(/.{0,40}(@(everyone|here|channel)|<[@!][^>]*>).{0,40}/i)?.[0]}`).toBe(false);
  const bad = linksIn(text, options).filter((url) => !allowedLink.test(url));
  expect(bad, 'links to places other than Reddit posts and communities').toEqual([]);
  expect(controlOrBidi.exec(text)?.[0].codePointAt(0)?.toString(16), 'a control or bidi character').toBeUndefined();
}
