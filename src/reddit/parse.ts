import { z } from 'zod';
import { postUrl, type Comment, type Post } from '../models.js';
import { decodeEntities } from '../text/entities.js';
import { RedditError } from './errors.js';

// Turns Reddit's listing JSON into `Post`s. A body of the wrong shape is an error naming the URL; one odd
// child is skipped, not fatal. Posts nobody should see in a report (NSFW, stickied, removed) never leave here.

const rawPost = z.object({
  id: z.string().min(1),
  title: z.string(),
  subreddit: z.string().min(1),
  score: z.number(),
  num_comments: z.number(),
  created_utc: z.number(),
  link_flair_text: z.string().nullish(),
  over_18: z.boolean().optional(),
  stickied: z.boolean().optional(),
  removed_by_category: z.string().nullish(),
  selftext: z.string().optional(),
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
}

export function parseListing(body: unknown, url: string): ListingPage {
  const parsed = listing.safeParse(body);
  if (!parsed.success) throw new RedditError('malformed', url, 'Reddit answered with something that is not a listing');
  const posts: Post[] = [];
  for (const data of childrenOfKind(parsed.data.data.children, 't3')) {
    const post = rawPost.safeParse(data);
    if (post.success && isReportable(post.data)) posts.push(toPost(post.data));
  }
  return { posts, after: parsed.data.data.after ?? null, childCount: parsed.data.data.children.length };
}

/** NSFW, stickied (mod announcements) and removed posts are excluded everywhere. */
export function isReportable(post: RawPost): boolean {
  return !post.over_18 && !post.stickied && !post.removed_by_category;
}

export function toPost(raw: RawPost): Post {
  const flair = raw.link_flair_text ? decodeEntities(raw.link_flair_text).trim() : '';
  return {
    id: raw.id,
    title: decodeEntities(raw.title),
    subreddit: raw.subreddit,
    score: raw.score,
    numComments: raw.num_comments,
    flair: flair || null,
    createdAt: new Date(raw.created_utc * 1000).toISOString(),
    url: postUrl(raw.id),
  };
}

/** Authors whose comments say nothing about the post: deleted accounts and moderation bots. */
const skippedAuthors = /^(\[deleted\]|automoderator|.*bot)$/i;

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
    if (skippedAuthors.test(author) || stickied || distinguished === 'moderator') continue;
    if (text === '[deleted]' || text === '[removed]' || !text.trim()) continue;
    comments.push({ author, body: decodeEntities(text), score });
  }
  return {
    post: first.success && isReportable(first.data) ? toPost(first.data) : null,
    selftext: first.success ? decodeEntities(first.data.selftext ?? '') : '',
    comments,
  };
}
