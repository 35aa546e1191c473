import type { Post } from '../models.js';
import type { RedditClient } from '../reddit/client.js';
import { parseListing } from '../reddit/parse.js';
import type { Store } from '../store/store.js';
import type { Mover } from './movers.js';
import type { SeenPost, WatchState } from './records.js';

// A look through the Data API: the communities' `rising` and `new` lists, one multireddit request each
// (r/a+b+c), whatever the number of channels. Points per hour come from the previous look's numbers,
// kept in the store (a restarted or other process goes on from them); a post seen for the first time is
// measured from its posting.

/** Requests one API look sends. */
export const API_REQUESTS_PER_LOOK = 2;

/** A post younger than this seen for the first time is not measured yet (a few early points are noise). */
const MIN_AGE_MS = 10 * 60_000;

export async function lookApi(reddit: Pick<RedditClient, 'getJson'>, communities: readonly string[], store: Store, now: Date): Promise<Mover[]> {
  const path = `/r/${communities.map(encodeURIComponent).join('+')}`;
  const posts = new Map<string, Post>();
  for (const list of ['rising', 'new']) {
    const body = await reddit.getJson(`${path}/${list}`, { limit: 100 });
    for (const post of parseListing(body, `${path}/${list}`).posts) posts.set(post.id, post);
  }
  const previous = await store.alertWatch.get('api');
  const movers: Mover[] = [];
  const seen: Record<string, SeenPost> = {};
  for (const post of posts.values()) {
    const created = Date.parse(post.createdAt);
    const ageMs = now.getTime() - created;
    if (post.score === null || ageMs <= 0) continue;
    seen[post.id] = { score: post.score, at: now.toISOString(), firstScore: 0, firstAt: post.createdAt };
    const before = previous?.posts[post.id];
    let pointsPerHour: number;
    if (before?.score != null && Date.parse(before.at) < now.getTime()) pointsPerHour = ((post.score - before.score) * 3_600_000) / (now.getTime() - Date.parse(before.at));
    else if (ageMs >= MIN_AGE_MS) pointsPerHour = (post.score * 3_600_000) / ageMs;
    else continue;
    movers.push({ kind: 'points', post, pointsPerHour, points: post.score, ageMs });
  }
  const state: WatchState = { at: now.toISOString(), posts: seen };
  await store.alertWatch.set('api', state);
  return movers;
}
