import type { Post } from '../models.js';

// Posts a practitioner skims past: jokes and memes, and posts that are only a picture or a clip with no
// text. They stay in the tables (a reader who wants the raw ranking has it) but come last wherever the
// report chooses what to put first: the morning post's top list, the highlights, the analysis' posts.
// Told from what Reddit gives: the flair, the title, and the domain the post links to.

/** Flairs communities give jokes ("Meme", "Funny", "Shitposting"…). */
const memeFlair = /^(?:memes?|funny|humou?r|shitpost(?:ing)?|jokes?|satire|comedy|fun)$/i;
/** Titles that say they are a joke. "POV:" and "me irl" are meme formats, not news. */
const memeTitle = /\b(?:memes?|shitpost(?:ing)?|me[_ ]?irl)\b|^\s*pov:/i;

/**
 * Hosts that serve only an image or a clip: Reddit's own image and video hosts, imgur, gif hosts. A post
 * linking there with no text of its own is a picture, not an article, a paper or a release.
 */
const mediaHosts = new Set([
  'i.redd.it',
  'v.redd.it',
  'preview.redd.it',
  'i.imgur.com',
  'imgur.com',
  'm.imgur.com',
  'gfycat.com',
  'giphy.com',
  'media.giphy.com',
  'tenor.com',
  'media.tenor.com',
  'streamable.com',
]);

/** A joke: flaired as one, or a title that says so. */
export function isMemePost(post: Pick<Post, 'flair' | 'title'>): boolean {
  return memeFlair.test(post.flair?.trim() ?? '') || memeTitle.test(post.title);
}

/** Only an image, a clip or a gallery, with no text of its own. Unknown domain (the sample): not media. */
export function isPureMedia(post: Pick<Post, 'domain' | 'linkUrl' | 'selftext'>): boolean {
  if (post.selftext?.trim()) return false;
  const domain = post.domain?.toLowerCase().replace(/^www\./, '');
  if (domain && mediaHosts.has(domain)) return true;
  // A gallery links to reddit.com/gallery/<id>.
  return domain === 'reddit.com' && /^https?:\/\/(?:www\.)?reddit\.com\/gallery\//i.test(post.linkUrl ?? '');
}

/** What comes last when the report chooses what to show first. */
export function isLowSignal(post: Pick<Post, 'flair' | 'title' | 'domain' | 'linkUrl' | 'selftext'>): boolean {
  return isMemePost(post) || isPureMedia(post);
}
