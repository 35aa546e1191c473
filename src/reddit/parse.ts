import { createHash } from 'node:crypto';
import { z } from 'zod';
import { postUrl, type Comment, type Post } from '../models.js';
import { stripControls } from '../text/clean.js';
import { decodeEntities } from '../text/entities.js';
import { quoteInput } from '../text/quote.js';
import { RedditError } from './errors.js';

// Turns Reddit's listing JSON into `Post`s. A body of the wrong shape is an error naming the URL; one odd
// child is skipped, not fatal. Posts nobody should see in a report (NSFW, stickied, removed) never leave here.
// Text fields are decoded and lose their control and bidi characters here, once, so no output (the JSON
// included, which no renderer cleans) carries a terminal escape; mentions and URLs stay, as the post's
// words: every renderer neutralises those for its target.

// What is safely coercible is coerced (a score as "12", a numeric flair); what is not drops the post.
const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().finite());

/** Reddit's post ids: base 36. */
const redditId = /^[a-z0-9]{1,13}$/i;

export function isRedditId(id: string): boolean {
  return redditId.test(id);
}

const rawPost = z.object({
  // Reddit's ids are base 36; community names letters, digits and _. Anything else (an upstream or a
  // proxy sending `) [PWN](http://evil)` or terminal escapes) would end up inside links and headings.
  id: z.string().regex(redditId),
  title: z.string(),
  subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/),
  score: numeric,
  num_comments: numeric,
  created_utc: numeric,
  link_flair_text: z.union([z.string(), z.number().transform(String)]).nullish(),
  over_18: z.boolean().optional(),
  stickied: z.boolean().optional(),
  removed_by_category: z.string().nullish(),
  selftext: z.string().optional(),
  // Where the post links: model input only (a GitHub release is not a video demo). Odd values are dropped.
  domain: z.string().optional().catch(undefined),
  url: z.string().optional().catch(undefined),
  permalink: z.string().optional().catch(undefined),
});

const listing = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullish(),
    // Children are checked one by one (below), so one odd child (null, no `kind`) costs only itself.
    children: z.array(z.unknown()),
  }),
});

const thing = z.object({ kind: z.string(), data: z.unknown() });

/** The `data` of each child of the given kind (t3 posts, t1 comments); other kinds and odd children are left out. */
function childrenOfKind(children: unknown[], kind: string): unknown[] {
  const out: unknown[] = [];
  for (const child of children) {
    const parsed = thing.safeParse(child);
    if (parsed.success && parsed.data.kind === kind) out.push(parsed.data.data);
  }
  return out;
}

const rawComment = z.object({
  author: z.string(),
  body: z.string(),
  score: z.number(),
  stickied: z.boolean().optional(),
  distinguished: z.string().nullish(),
});

export type RawPost = z.infer<typeof rawPost>;

export interface ListingPage {
  posts: Post[];
  /** Fullname to continue from, or null at the end. */
  after: string | null;
  /** Children in the page before filtering, to tell a short page from an exhausted listing. */
  childCount: number;
  /** Posts left out because a field was missing or malformed. */
  malformed: MalformedPost[];
}

/** A post left out because a field was missing or malformed. */
export interface MalformedPost {
  /** Its id exactly as Reddit sent it (not yet safe to print), when it had one. */
  id?: string;
  /**
   * What tells it apart when it comes again, in another listing or on another page: its id, or for a
   * post without one, a hash of what it holds. A warning counts distinct keys.
   */
  key: string;
}

export function parseListing(body: unknown, url: string): ListingPage {
  const parsed = listing.safeParse(body);
  if (!parsed.success) throw new RedditError('malformed', url, 'Reddit answered with something that is not a listing');
  const posts: Post[] = [];
  const malformed: MalformedPost[] = [];
  for (const data of childrenOfKind(parsed.data.data.children, 't3')) {
    const post = rawPost.safeParse(data);
    if (post.success) {
      if (isReportable(post.data)) posts.push(toPost(post.data));
    } else {
      malformed.push(malformedPost(data));
    }
  }
  return { posts, after: parsed.data.data.after ?? null, childCount: parsed.data.data.children.length, malformed };
}

/**
 * One malformed post's id for a warning, as Reddit sent it, so an operator can look it up: a
 * Reddit-shaped one if there is one; else one as received, quoted and made inert (it can hold anything).
 */
export function malformedExample(malformed: MalformedPost[]): string {
  const ids = malformed.flatMap((post) => (post.id === undefined ? [] : [post.id]));
  const real = ids.find(isRedditId);
  if (real) return real;
  return ids[0] === undefined ? '(no id)' : `"${quoteInput(ids[0])}"`;
}

function malformedPost(data: unknown): MalformedPost {
  const raw = typeof data === 'object' && data !== null && 'id' in data ? (data as { id: unknown }).id : undefined;
  const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
  if (id) return { id, key: `id:${id}` };
  return { key: `hash:${createHash('sha256').update(JSON.stringify(data) ?? '').digest('hex')}` };
}

/** NSFW, stickied (mod announcements) and removed posts are excluded everywhere. */
export function isReportable(post: RawPost): boolean {
  return !post.over_18 && !post.stickied && !post.removed_by_category;
}

/** A text field as Reddit's users wrote it: entities decoded (an encoded ESC too), controls and bidi out. */
function textOf(raw: string): string {
  return stripControls(decodeEntities(raw));
}

export function toPost(raw: RawPost): Post {
  const flair = raw.link_flair_text ? textOf(raw.link_flair_text).trim() : '';
  return {
    id: raw.id,
    title: textOf(raw.title),
    subreddit: raw.subreddit,
    score: raw.score,
    numComments: raw.num_comments,
    flair: flair || null,
    createdAt: new Date(raw.created_utc * 1000).toISOString(),
    url: postUrl(raw.id),
    ...linkOf(raw),
  };
}

/** A host name as Reddit reports it ("github.com", "self.LocalLLaMA"); anything else is not kept. */
const hostName = /^[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z0-9_-]{1,63}$/i;

/** The link target of a link post; nothing for a text post (its url is its own permalink) or an odd value. */
function linkOf(raw: RawPost): Pick<Post, 'domain' | 'linkUrl'> {
  const domain = raw.domain && hostName.test(raw.domain) ? raw.domain : undefined;
  let linkUrl: string | undefined;
  try {
    const url = raw.url ? new URL(textOf(raw.url)) : undefined;
    const own = raw.permalink && url?.pathname === raw.permalink;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !own && !domain?.startsWith('self.')) linkUrl = url.href.slice(0, 500);
  } catch {
    linkUrl = undefined;
  }
  return { ...(domain ? { domain } : {}), ...(linkUrl ? { linkUrl } : {}) };
}

/** Moderation bots and other bots by name (AutoModerator, …bot): their posts and comments are not the community's. */
const botAuthors = /^(automoderator|.*bot)$/i;

export function isBotAuthor(author: string): boolean {
  return botAuthors.test(author);
}

/** Authors whose comments say nothing about the post: deleted accounts and bots. */
export function isSkippedCommentAuthor(author: string): boolean {
  return author.toLowerCase() === '[deleted]' || isBotAuthor(author);
}

export interface CommentThread {
  post: Post | null;
  selftext: string;
  comments: Comment[];
}

/** `/comments/{id}` answers `[postListing, commentListing]`; keeps top-level comments by real people. */
export function parseCommentThread(body: unknown, url: string): CommentThread {
  if (!Array.isArray(body) || body.length < 2) throw new RedditError('malformed', url, 'Reddit answered with something that is not a comment thread');
  const postPage = listing.safeParse(body[0]);
  const commentPage = listing.safeParse(body[1]);
  if (!postPage.success || !commentPage.success) throw new RedditError('malformed', url, 'Reddit answered with something that is not a comment thread');
  const first = rawPost.safeParse(childrenOfKind(postPage.data.data.children, 't3')[0]);
  const comments: Comment[] = [];
  for (const data of childrenOfKind(commentPage.data.data.children, 't1')) {
    const comment = rawComment.safeParse(data);
    if (!comment.success) continue;
    const { author, body: text, score, stickied, distinguished } = comment.data;
    if (isSkippedCommentAuthor(author) || stickied || distinguished === 'moderator') continue;
    if (text === '[deleted]' || text === '[removed]' || !text.trim()) continue;
    comments.push({ author, body: textOf(text), score });
  }
  return {
    post: first.success && isReportable(first.data) ? toPost(first.data) : null,
    selftext: first.success ? textOf(first.data.selftext ?? '') : '',
    comments,
  };
}
