// Reddit's public Atom feeds as Reddit writes them (see /work/shared/PLATFORM-FACTS.md, "Reddit without
// keys"): one <entry> a post (t3_) or comment (t1_), the body as escaped HTML in <content type="html">
// with the self-text in an SC_OFF div, then "submitted by" and the [link] / [comments] anchors. No
// score, no comment count, no flair, no NSFW or stickied flag: the fake's hidden scores only order the
// entries. Used by the fake feeds server (reddit-feeds.ts) and by tests that want one feed's text.
import type { RawComment, RawPost } from './reddit.js';

const SITE = 'https://www.reddit.com';

/** XML text and attribute escaping: what an Atom writer does once to everything it puts in the document. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Reddit's markdown rendering, reduced to paragraphs: enough for the feed's self-text div. */
function markdownHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return paragraphs.map((p) => `<p>${xmlEscape(p).replace(/\n/g, '<br/>\n')}</p>`).join(' ');
}

export function permalinkOf(post: Pick<RawPost, 'id' | 'subreddit' | 'title'>): string {
  const slug = post.title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 50) || 'post';
  return `/r/${post.subreddit}/comments/${post.id}/${slug}/`;
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function authorXml(author: string | undefined): string {
  // A deleted account has no author element in the feed.
  if (!author || author === '[deleted]') return '';
  return `<author><name>/u/${xmlEscape(author)}</name><uri>${SITE}/user/${xmlEscape(author)}</uri></author>`;
}

function categoryXml(subreddit: string): string {
  return `<category term="${xmlEscape(subreddit)}" label="r/${xmlEscape(subreddit)}"/>`;
}

/** Where a post's [link] points: its outgoing URL, or its own comments page for a text post. */
function outgoingOf(post: RawPost): string {
  const own = `${SITE}${permalinkOf(post)}`;
  const url = typeof post.url === 'string' ? post.url : undefined;
  return url && !url.includes(`/comments/${post.id}/`) ? url : own;
}

/** The HTML of a post's <content>, before the XML escaping. */
export function postContentHtml(post: RawPost): string {
  const author = post.author && post.author !== '[deleted]' ? post.author : '[deleted]';
  const body = post.selftext ? `<!-- SC_OFF --><div class="md">${markdownHtml(post.selftext)}</div><!-- SC_ON --> ` : '';
  return (
    `${body}&#32; submitted by &#32; <a href="${SITE}/user/${xmlEscape(author)}"> /u/${xmlEscape(author)} </a> <br/> ` +
    `<span><a href="${xmlEscape(outgoingOf(post))}">[link]</a></span> &#32; <span><a href="${xmlEscape(`${SITE}${permalinkOf(post)}`)}">[comments]</a></span>`
  );
}

export function postEntry(post: RawPost): string {
  return (
    `<entry>${authorXml(post.author)}${categoryXml(post.subreddit)}` +
    `<content type="html">${xmlEscape(postContentHtml(post))}</content>` +
    `<id>t3_${xmlEscape(post.id)}</id>` +
    `<link href="${xmlEscape(`${SITE}${permalinkOf(post)}`)}" />` +
    `<updated>${iso(post.created_utc)}</updated><published>${iso(post.created_utc)}</published>` +
    `<title>${xmlEscape(post.title)}</title></entry>`
  );
}

/** A comment as the comment feed lists it: no score, no parent, no published time (only updated). */
export function commentEntry(comment: RawComment, post: RawPost, at: number): string {
  const body = comment.body === '[deleted]' || comment.body === '[removed]' ? `<p>${comment.body}</p>` : markdownHtml(comment.body);
  return (
    `<entry>${authorXml(comment.author)}${categoryXml(post.subreddit)}` +
    `<content type="html">${xmlEscape(`<!-- SC_OFF --><div class="md">${body}</div><!-- SC_ON -->`)}</content>` +
    `<id>t1_${xmlEscape(comment.id)}</id>` +
    `<link href="${xmlEscape(`${SITE}${permalinkOf(post)}${comment.id}/`)}"/>` +
    `<updated>${iso(at)}</updated>` +
    `<title>/u/${xmlEscape(comment.author)} on ${xmlEscape(post.title)}</title></entry>`
  );
}

export interface FeedHead {
  /** The feed's own path and query ("/r/a+b/top/.rss?t=day"). */
  self: string;
  title: string;
  /** Set for a one-community feed: Reddit puts its category on the feed too. */
  subreddit?: string;
  updated: number;
}

export function feedXml(head: FeedHead, entries: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">` +
    (head.subreddit ? categoryXml(head.subreddit) : '') +
    `<updated>${iso(head.updated)}</updated><icon>https://www.redditstatic.com/icon.png/</icon>` +
    `<id>${xmlEscape(head.self)}</id>` +
    `<link rel="self" href="${xmlEscape(`${SITE}${head.self}`)}" type="application/atom+xml" />` +
    `<link rel="alternate" href="${xmlEscape(`${SITE}${head.self.replace(/\.(rss|xml)/, '')}`)}" type="text/html" />` +
    `<title>${xmlEscape(head.title)}</title>${entries.join('')}</feed>`
  );
}

/** Comments in the order the comment feed lists them: best first, each followed by its replies. */
export function commentsInFeedOrder(comments: RawComment[]): RawComment[] {
  return [...comments].sort((a, b) => b.score - a.score).flatMap((c) => [c, ...commentsInFeedOrder(c.replies ?? [])]);
}

/** Reddit's block page for addresses it refuses (cloud and VPS ranges): HTML, status 403. */
export const BLOCK_PAGE =
  '<!doctype html><html><head><title>Blocked</title></head><body><h1>whoa there, pardner!</h1>' +
  "<p>You've been blocked by network security.</p><p>To continue, log in to your Reddit account or use your developer token.</p>" +
  "<p>If you think you've been blocked by mistake, file a ticket below and we'll look into it.</p></body></html>";

/** What Reddit answers a request without a User-Agent: HTML, status 403. */
export const NO_USER_AGENT_PAGE =
  '<!doctype html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1>' +
  '<p>Requests must carry a descriptive User-Agent header.</p></body></html>';

export const TOO_MANY_REQUESTS_PAGE = '<!doctype html><html><head><title>Too Many Requests</title></head><body><h1>whoa there, pardner!</h1><p>Too Many Requests</p></body></html>';
