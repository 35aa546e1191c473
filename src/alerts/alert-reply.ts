import { note, paragraph, postList, type Reply } from '../reply/reply.js';
import { utcDate } from '../time/day.js';
import { whyItFired, type Mover } from './movers.js';

// The alert itself: short, one post (the list renderer links its title, names its community and shows
// its numbers, escaped like every post: a title cannot ping), why it fired, and a thread for questions,
// bound to the day's report as the morning post's is.

export function alertReply(mover: Mover, now: Date): Reply {
  return {
    blocks: [paragraph({ text: 'Taking off', strong: true }, ` in r/${mover.post.subreddit}: ${whyItFired(mover)}`), postList([mover.post], { numbered: false, showCommunity: true }), note('Ask about it in the thread.')],
    openThread: { reportDate: utcDate(now), title: `Alert: ${mover.post.title}`.slice(0, 90) },
  };
}

/** The marker kept with the alert on the platform (at most 25 characters: Discord's nonce). */
export function alertMarker(postId: string): string {
  return `ait-alert-${postId}`.slice(0, 25);
}
