import { RequestBudget } from '../reddit/feeds/budget.js';
import type { FeedClient } from '../reddit/feeds/client.js';
import { parseFeedPage } from '../reddit/feeds/parse.js';
import { topFeedPath } from '../reddit/feeds/plan.js';
import type { Mover } from './movers.js';

// A look through the public feeds (no points there): today's top of the communities, one multireddit
// request through the feeds client, so its pacer spaces it from the report's requests and Reddit's waits
// hold for it too. A young post high on that list is taking off.

/** Requests one feeds look may send: the day's top, and one retry. */
export const FEEDS_REQUESTS_PER_LOOK = 1;

/** Only the head of the list can alert (the `high` level takes the top 3). */
const LIMIT = 10;

export async function lookFeeds(client: Pick<FeedClient, 'get' | 'shownUrl'>, communities: readonly string[], now: Date): Promise<Mover[]> {
  const path = topFeedPath([...communities]);
  const query = { t: 'day', limit: LIMIT };
  const xml = await client.get(path, query, { budget: new RequestBudget(FEEDS_REQUESTS_PER_LOOK + 1) });
  const page = parseFeedPage(xml, client.shownUrl(path, query));
  return page.posts
    .map(({ position, post }) => ({ kind: 'rank' as const, post, dayRank: position, ageMs: now.getTime() - Date.parse(post.createdAt) }))
    .filter((mover) => mover.ageMs >= 0);
}
