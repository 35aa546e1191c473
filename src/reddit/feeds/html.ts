import { stripControls } from '../../text/clean.js';
import { decodeEntitiesOnce } from '../../text/entities.js';

// The HTML inside an Atom entry's <content type="html">: Reddit's own rendering of the post, which is the
// feed's payload (not a page scraped). Read for two things only: the self-text, between the SC_OFF and
// SC_ON comments, as plain text; and where the `[link]` and `[comments]` anchors point. One linear pass
// over the tags (no regular expression that can backtrack over a hostile body); no HTML leaves here.

type Token = { tag: string } | { text: string };

/** Tags and text runs in order. An unclosed `<` ends the input: what follows it is not text. */
function tokens(html: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < html.length; ) {
    const open = html.indexOf('<', i);
    if (open < 0) {
      out.push({ text: html.slice(i) });
      break;
    }
    if (open > i) out.push({ text: html.slice(i, open) });
    const close = html.indexOf('>', open + 1);
    if (close < 0) break;
    out.push({ tag: html.slice(open + 1, close) });
    i = close + 1;
  }
  return out;
}

const tagName = (tag: string) => /^\/?([a-z][a-z0-9]*)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
/** Elements whose end ends a paragraph (a blank line in the text), and those whose end ends a line. */
const paragraphEnds = new Set(['p', 'blockquote', 'pre', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const lineEnds = new Set(['div', 'tr']);

/** What a tag becomes in plain text: line breaks for <br>, <hr> and block ends, a dash for a list item, else nothing. */
function tagText(tag: string): string {
  const name = tagName(tag);
  if (name === 'br' || name === 'hr') return '\n';
  if (tag.startsWith('/')) return paragraphEnds.has(name) ? '\n\n' : lineEnds.has(name) ? '\n' : '';
  return name === 'li' ? '\n- ' : '';
}

/** Plain text of an HTML fragment: tags out, entities decoded once, controls out, blank runs tidied. */
export function htmlToText(html: string): string {
  const raw = tokens(html)
    .map((token) => ('tag' in token ? tagText(token.tag) : token.text.replace(/\s+/g, ' ')))
    .join('');
  return stripControls(decodeEntitiesOnce(raw))
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SC_OFF = '<!-- SC_OFF -->';
const SC_ON = '<!-- SC_ON -->';

/** The self-text of a post or the body of a comment: the SC_OFF … SC_ON part, as plain text ('' when there is none). */
export function selftextOf(contentHtml: string): string {
  const start = contentHtml.indexOf(SC_OFF);
  if (start < 0) return '';
  const end = contentHtml.indexOf(SC_ON, start);
  return htmlToText(contentHtml.slice(start + SC_OFF.length, end < 0 ? undefined : end));
}

/** The href of an anchor's opening tag, entities decoded; undefined without one. */
function hrefOf(tag: string): string | undefined {
  const match = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : decodeEntitiesOnce(value).trim();
}

export interface EntryAnchors {
  /** Where `[link]` points: the outgoing URL of a link post, the post itself for a text post. */
  link?: string;
  /** Where `[comments]` points: the post's comments page. */
  comments?: string;
}

/** The targets of the `[link]` and `[comments]` anchors Reddit puts after "submitted by". */
export function anchorsOf(contentHtml: string): EntryAnchors {
  const anchors: EntryAnchors = {};
  let href: string | undefined;
  let label = '';
  for (const token of tokens(contentHtml)) {
    if ('text' in token) {
      label += token.text;
      continue;
    }
    const name = tagName(token.tag);
    if (name !== 'a') continue;
    if (!token.tag.startsWith('/')) {
      href = hrefOf(token.tag);
      label = '';
    } else {
      const text = label.trim();
      if (href !== undefined && text === '[link]' && anchors.link === undefined) anchors.link = href;
      if (href !== undefined && text === '[comments]' && anchors.comments === undefined) anchors.comments = href;
      href = undefined;
    }
  }
  return anchors;
}
