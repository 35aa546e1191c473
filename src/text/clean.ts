import { decodeEntities } from './entities.js';
import { neutraliseMentions } from './mentions.js';
import { c0Controls, oneLine } from './visible.js';

// The one cleaning step every renderer applies to untrusted text (Reddit titles, flair, community names,
// model prose, what a user typed) before giving it a target's syntax: one line, entities decoded, no
// control characters (C0 or C1: ESC/CSI sequences could move a terminal's cursor), no bidi overrides or
// isolates (they can make "moc.live" read as "evil.com"), and nothing that pings.

const displayControls = /[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Strips C1 controls, bidi marks, overrides and isolates; keeps everything a reader should see. */
export function stripDisplayControls(value: string): string {
  return value.replace(displayControls, '');
}

/**
 * Every control and bidi character `displayText` strips, for text that keeps its lines (a streamed
 * answer): tabs and line feeds stay, a carriage return goes ("\r\n" is then "\n"; a lone "\r" could
 * make a terminal overwrite the line), vertical tab and form feed go, Unicode line separators become "\n".
 */
export function stripControls(value: string): string {
  return stripDisplayControls(value).replace(c0Controls, '').replace(/[\r\u000b\u000c]/g, '').replace(/[\u2028\u2029]/g, '\n');
}

/**
 * A bare URL in untrusted text (a flair, a title, a model's prose) would be linked by GitHub, Discord
 * and Slack. It stays readable but inert: a zero-width space breaks "https://" and "www.".
 */
export function defuseUrls(value: string): string {
  return value.replace(/(https?):\/\//gi, '$1:/\u200b/').replace(/\bwww\./gi, 'www\u200b.');
}

/** Untrusted text as one inert, visible line: no control, no bidi trick, no ping, no bare link. */
export function displayText(value: string): string {
  return defuseUrls(plainLine(decodeEntities(value)));
}

/**
 * Upstream text in an operator's line (an error naming where a redirect pointed): one visible line, no
 * control or bidi character, nothing that pings, but a URL left whole so it can be copied. Chat
 * renderers clean it again with `displayText`, which is this and more. Not for text already defused:
 * `oneLine` takes out the zero-width space that keeps a defused URL inert.
 */
// Controls go before the line is collapsed and trimmed: a C1 character (U+0085) is not whitespace to
// `oneLine`, so "\u0085 \u0085" stripped afterwards would leave a lone space and cleaning twice would
// differ from cleaning once.
export function plainLine(value: string): string {
  return neutraliseMentions(oneLine(stripDisplayControls(value)));
}

/**
 * A run of a paragraph (a Reply span) cleaned like `displayText`, keeping one space at either edge where
 * it had whitespace: spans carry their own spacing (" Sources: "), which cleaning alone would trim.
 */
export function displaySpan(value: string): string {
  const { before, after } = spanEdges(value);
  const text = displayText(value);
  return text ? before + text + after : before || after;
}

/** The one space a span keeps at each edge where it had whitespace. */
export function spanEdges(value: string): { before: string; after: string } {
  return { before: /^\s/.test(value) ? ' ' : '', after: /\s$/.test(value) ? ' ' : '' };
}
