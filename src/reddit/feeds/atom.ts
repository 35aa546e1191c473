import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntitiesOnce } from '../../text/entities.js';
import { RedditError } from '../errors.js';

// Reddit's Atom documents as plain entries. The XML is checked whole first (a feed cut off mid-way is an
// error, not a shorter feed); entities are left to us (processEntities: false): a DOCTYPE can declare
// none that expand, and each field is decoded exactly as many times as it was escaped.

/** One <entry> with its text fields still XML-escaped, except `contentHtml` (the HTML, decoded once). */
export interface AtomEntry {
  /** As written, "t3_abc" or "t1_xyz"; undefined when missing. */
  id?: string;
  /** XML-escaped (Reddit may escape a title twice: the caller decodes it). */
  title?: string;
  /** "/u/name" decoded, or undefined (a deleted account has no author). */
  author?: string;
  /** The first category's term, decoded: the community. */
  category?: string;
  /** The entry's own link (its permalink), decoded. */
  link?: string;
  published?: string;
  updated?: string;
  /** The HTML of <content type="html">, decoded once from XML ('' when absent). */
  contentHtml: string;
  /** The entry as parsed, for a hash when it is malformed and has no id. */
  raw: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'entry' || name === 'link' || name === 'category',
});

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of an element: a string, or the #text of one with attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

function attribute(value: unknown, name: string): string | undefined {
  const node = Array.isArray(value) ? value[0] : value;
  const raw = isNode(node) ? node[`@_${name}`] : undefined;
  return typeof raw === 'string' ? decodeEntitiesOnce(raw) : undefined;
}

/** The entry's own link: the one without rel, or rel="alternate". */
function ownLink(value: unknown): string | undefined {
  const links = Array.isArray(value) ? value : [value];
  const own = links.find((l) => isNode(l) && (l['@_rel'] === undefined || l['@_rel'] === 'alternate'));
  return attribute(own, 'href');
}

function toEntry(raw: unknown): AtomEntry {
  const node = isNode(raw) ? raw : {};
  const name = isNode(node.author) ? textOf(node.author.name) : undefined;
  const text = (key: string) => {
    const value = textOf(node[key]);
    return value === undefined ? undefined : decodeEntitiesOnce(value).trim();
  };
  return {
    id: text('id'),
    title: textOf(node.title),
    author: name === undefined ? undefined : decodeEntitiesOnce(name).replace(/^\/?u\//, '').trim(),
    category: attribute(node.category, 'term'),
    link: ownLink(node.link),
    published: text('published'),
    updated: text('updated'),
    contentHtml: decodeEntitiesOnce(textOf(node.content) ?? ''),
    raw,
  };
}

/** The entries of an Atom feed, in document order. A body that is not a well-formed Atom feed is an error naming `url`. */
export function parseAtom(xml: string, url: string): AtomEntry[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new RedditError('malformed', url, `Reddit's public feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.slice(0, 120)})`);
  }
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    throw new RedditError('malformed', url, `Reddit's public feed could not be read as XML: ${(error as Error).message.slice(0, 120)}`);
  }
  const feed = isNode(document) ? document.feed : undefined;
  // An empty feed (no entries, no attributes) parses as ''.
  if (!isNode(feed) && feed !== '') throw new RedditError('malformed', url, `Reddit answered with something that is not an Atom feed (${xml.length} bytes)`);
  const entries = isNode(feed) && Array.isArray(feed.entry) ? feed.entry : [];
  return entries.map(toEntry);
}
