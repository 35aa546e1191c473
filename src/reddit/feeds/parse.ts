import { createHash } from 'node:crypto';
import { isCommunityName, postUrl, type Comment, type Post, type PostDetails } from '../../models.js';
import { stripControls } from '../../text/clean.js';
import { decodeEntities } from '../../text/entities.js';
import { RedditError } from '../errors.js';
import { isBotAuthor, isRedditId, isSkippedCommentAuthor, type MalformedPost } from '../parse.js';
import { clip, defaultDetailLimits, type DetailLimits } from '../post-details.js';
import { parseAtom, type AtomEntry } from './atom.js';
import { anchorsOf, selftextOf } from './html.js';

// Reddit's public Atom feeds as `Post`s and `PostDetails`. A feed carries no points, no comment count,
// no flair and no NSFW or stickied flag: those stay null (or are not set), never guessed. What the flags
// would have kept out is kept out by what the feed does say: AutoModerator and bot authors, and titles
// tagged NSFW. One odd entry is skipped and counted, not fatal, as for the API's listings.

/** A post of a feed with its 1-based position in it (Reddit's order: for a top feed, the rank). */
export interface RankedPost {
  position: number;
  post: Post;
}

export interface FeedPage {
  /** Posts kept, in feed order. */
  posts: RankedPost[];
  /** Entries that were not posts Reddit could have sent (no t3_ id, no community, no time…). */
  malformed: MalformedPost[];
  /** Posts left out on purpose (bots, NSFW titles). */
  leftOut: number;
}

/** "NSFW" as a word in a title: [NSFW], (nsfw), "NSFW:" — the only NSFW sign a feed carries. */
const nsfwTag = /\bnsfw\b/i;

export function isNsfwTitle(title: string): boolean {
  return nsfwTag.test(title);
}

/** A text field as written: entities decoded (XML, and a second escaping Reddit sometimes adds), controls out. */
function plain(raw: string): string {
  return stripControls(decodeEntities(raw));
}

/** A host name as Reddit reports a domain ("github.com"); anything else is not kept. */
const hostName = /^[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z0-9_-]{1,63}$/i;

/** Where a post points: the `[link]` target when it is not the post itself; "self.<community>" for a text post. */
function linkOf(id: string, subreddit: string, contentHtml: string): Pick<Post, 'domain' | 'linkUrl'> {
  const { link } = anchorsOf(contentHtml);
  if (link === undefined) return {};
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return {};
  }
  const own = /(^|\.)reddit\.com$/i.test(url.hostname) && url.pathname.includes(`/comments/${id}`);
  if (own) return { domain: `self.${subreddit}` };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return {};
  const host = url.hostname.replace(/^www\./i, '');
  return { linkUrl: url.href.slice(0, 500), ...(hostName.test(host) ? { domain: host } : {}) };
}

/** The post of a t3_ entry, or why not: 'malformed' (a field missing or odd) or 'left out' (a bot, an NSFW title). */
export function entryPost(entry: AtomEntry, selftextChars = defaultDetailLimits.selftextChars): Post | 'malformed' | 'left out' {
  const id = /^t3_(.+)$/.exec(entry.id ?? '')?.[1];
  const subreddit = entry.category;
  const created = entry.published === undefined ? NaN : Date.parse(entry.published);
  if (!id || !isRedditId(id) || !subreddit || !isCommunityName(subreddit) || entry.title === undefined || !Number.isFinite(created)) return 'malformed';
  const title = plain(entry.title);
  if (isBotAuthor(entry.author ?? '') || isNsfwTitle(title)) return 'left out';
  const selftext = clip(selftextOf(entry.contentHtml), selftextChars);
  return {
    id,
    title,
    subreddit,
    score: null,
    numComments: null,
    flair: null,
    createdAt: new Date(created).toISOString(),
    url: postUrl(id),
    ...linkOf(id, subreddit, entry.contentHtml),
    // Only a text post has a body; a link post carries none (an empty one would read as "enriched").
    ...(selftext ? { selftext } : {}),
  };
}

function malformedEntry(entry: AtomEntry): MalformedPost {
  const id = entry.id?.replace(/^t3_/, '');
  if (id) return { id, key: `id:${id}` };
  return { key: `hash:${createHash('sha256').update(JSON.stringify(entry.raw) ?? '').digest('hex')}` };
}

/** The posts of a listing feed (top, new), each with its position among the feed's entries. */
export function parseFeedPage(xml: string, url: string): FeedPage {
  const page: FeedPage = { posts: [], malformed: [], leftOut: 0 };
  parseAtom(xml, url).forEach((entry, index) => {
    const post = entryPost(entry);
    if (post === 'malformed') page.malformed.push(malformedEntry(entry));
    else if (post === 'left out') page.leftOut++;
    else page.posts.push({ position: index + 1, post });
  });
  return page;
}

/** A t1_ entry as a comment worth reading, or undefined (a bot, a deleted account, a removed or empty body). */
function entryComment(entry: AtomEntry): Comment | undefined {
  if (!/^t1_[a-z0-9]+$/i.test(entry.id ?? '')) return undefined;
  const author = entry.author ?? '[deleted]';
  const body = selftextOf(entry.contentHtml);
  if (isSkippedCommentAuthor(author) || !body || body === '[deleted]' || body === '[removed]') return undefined;
  return { author: stripControls(author), body, score: null };
}

/**
 * A comment feed (/r/X/comments/ID/.rss) as details of post `id`: the body from its first entry (the post),
 * the first comments worth reading in feed order (Reddit's, best first), bounded as the API's details are.
 */
export function parseCommentFeed(xml: string, url: string, id: string, now: Date, limits: DetailLimits = defaultDetailLimits): PostDetails {
  const [first, ...rest] = parseAtom(xml, url);
  if (first?.id !== `t3_${id}`) throw new RedditError('malformed', url, `Reddit's comment feed does not start with post ${id}`);
  const comments = rest.flatMap((entry) => entryComment(entry) ?? []);
  return {
    id,
    selftext: clip(selftextOf(first.contentHtml), limits.selftextChars),
    topComments: comments.slice(0, limits.comments).map((comment) => ({ ...comment, body: clip(comment.body, limits.commentChars) })),
    fetchedAt: now.toISOString(),
  };
}
