import { defaultSubreddits } from '../../src/config.js';
import type { Post, Report } from '../../src/models.js';
import { DailyReports } from '../../src/report/daily.js';
import type { PostSource } from '../../src/report/source.js';
import { asPost, NOW, syntheticPosts } from '../helpers/synthetic-reddit.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';
import { evalSteps } from './days.js';

// A generated week for the pick's evaluation: the 11 default communities at their real sizes (r/singularity
// and r/LocalLLaMA busy, r/vectordatabase nearly silent; test/helpers/synthetic-reddit.ts), with the jokes
// and screenshots that top the big communities on a real day: a share of their posts flaired "Meme" or
// "Funny", or a bare i.redd.it image, and those drawing more votes than the rest. Seven days built one after
// another as the bot builds them (the pick step, the offline analysis), each stored before the next, so the
// later days weigh posts against each community's usual top posts of the stored days.

const DAY_MS = 86_400_000;
export const GENERATED_DAYS = 7;

/** A stable number in [0, 1) from a post id: which posts are jokes or images, the same on every run. */
function roll(id: string, salt: number): number {
  let h = salt;
  for (const c of id) h = (Math.imul(h ^ c.charCodeAt(0), 2_654_435_761) >>> 0) % 1_000_003;
  return h / 1_000_003;
}

function withJokesAndImages(post: Post): Post {
  const big = post.subreddit === 'singularity' || post.subreddit === 'LocalLLaMA';
  if (!big) return post;
  const r = roll(post.id, 7);
  // Jokes and images collect more votes than threads: that is how they top a raw ranking.
  if (r < 0.12) return { ...post, flair: post.subreddit === 'LocalLLaMA' ? 'Funny' : 'Meme', score: post.score! * 4 };
  if (r < 0.24) return { ...post, domain: 'i.redd.it', linkUrl: `https://i.redd.it/${post.id}.png`, score: post.score! * 3 };
  return post;
}

export function generatedWeekPosts(): Post[] {
  const { posts, hidden } = syntheticPosts({ seed: 23, days: 40, factor: 0.5, plain: true });
  return posts.filter((p) => !hidden.has(p.id)).map(asPost).map(withJokesAndImages);
}

/** The seven days' reports, oldest first, built and stored in a store of their own. */
export async function generatedWeekReports(): Promise<Report[]> {
  const posts = generatedWeekPosts();
  const store = await openTempStore('live', tempSqliteUrl('ai-trends-eval-week-'));
  try {
    const reports: Report[] = [];
    for (let k = GENERATED_DAYS - 1; k >= 0; k--) {
      const now = new Date(NOW.getTime() - k * DAY_MS);
      const source: PostSource = {
        mode: 'api',
        collect: async () => ({
          posts: posts.filter((p) => Date.parse(p.createdAt) <= now.getTime() && Date.parse(p.createdAt) > now.getTime() - 31 * DAY_MS),
          warnings: [],
          source: { mode: 'api', numbersMissing: false },
        }),
      };
      reports.push((await new DailyReports(store, source, evalSteps(store)).get({ now })).report);
    }
    return reports;
  } finally {
    await store.close();
  }
}

export const generatedCommunities = defaultSubreddits;
