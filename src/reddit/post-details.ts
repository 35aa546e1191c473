import { byCommentScore, type Post, type PostDetails } from '../models.js';
import type { RedditClient } from './client.js';
import { parseCommentThread } from './parse.js';

// A post's body and its best top-level comments, for the analyst and for follow-up answers. Fetched
// with one /comments/{id} request, bounded in count and length, and cached in the store by the caller.

export interface DetailLimits {
  /** Top-level comments kept (default 5). */
  comments: number;
  /** Characters kept of the body and of each comment (default 1200 / 400). */
  selftextChars: number;
  commentChars: number;
}

export const defaultDetailLimits: DetailLimits = { comments: 5, selftextChars: 1200, commentChars: 400 };

/**
 * Where a post's body and comments come from: the OAuth API's /comments/{id}, or the public comment feed
 * (/r/{sub}/comments/{id}/.rss). A failure is a RedditError, as from the client.
 */
export interface PostDetailsSource {
  fetch(post: Pick<Post, 'id' | 'subreddit'>, now: Date, limits?: DetailLimits): Promise<PostDetails>;
}

/** Details through the OAuth API client. */
export function apiPostDetails(client: RedditClient): PostDetailsSource {
  return { fetch: (post, now, limits) => fetchPostDetails(client, post.id, now, limits) };
}

export async function fetchPostDetails(client: RedditClient, id: string, now: Date, limits: DetailLimits = defaultDetailLimits): Promise<PostDetails> {
  // Ask for a few more than we keep: bots and deleted comments are skipped after parsing.
  const body = await client.getJson(`/comments/${encodeURIComponent(id)}`, { sort: 'top', depth: 1, limit: limits.comments * 2 + 5 });
  const thread = parseCommentThread(body, `/comments/${id}`);
  return {
    id,
    selftext: clip(thread.selftext, limits.selftextChars),
    topComments: [...thread.comments]
      .sort(byCommentScore)
      .slice(0, limits.comments)
      .map((comment) => ({ ...comment, body: clip(comment.body, limits.commentChars) })),
    fetchedAt: now.toISOString(),
  };
}

/** Cuts at a word boundary near `max` characters and marks the cut. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
