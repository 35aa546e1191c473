import type { Post, ReportSections } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import type { RawPost } from '../fakes/reddit.js';
import { seededRandom } from './seeded-random.js';

// Synthetic Reddit data for the collection tests and the collection bench: the 11 default subreddits over
// 35 days, busy ones and quiet ones, heavy-tailed scores, a few NSFW / removed / pinned posts. Deterministic:
// the same options always give the same posts.

export const NOW_S = 1_770_796_800; // 2026-02-11T08:00:00Z
export const NOW = new Date(NOW_S * 1000);
const HOUR = 3600;
const DAY = 86_400;

/** Posts a day and the typical score of each default subreddit (singularity and LocalLLaMA are busy). */
const VOLUMES: Record<string, { perDay: number; scale: number }> = {
  singularity: { perDay: 40, scale: 120 },
  LocalLLaMA: { perDay: 50, scale: 90 },
  AI_Agents: { perDay: 9, scale: 12 },
  hackernews: { perDay: 8, scale: 6 },
  MachineLearning: { perDay: 6, scale: 30 },
  LocalLLM: { perDay: 5, scale: 10 },
  LLMDevs: { perDay: 4, scale: 8 },
  datascience: { perDay: 4, scale: 25 },
  LangChain: { perDay: 2, scale: 6 },
  Rag: { perDay: 2, scale: 5 },
  vectordatabase: { perDay: 0.4, scale: 3 },
};
const FLAIRS = [null, 'Discussion', 'News', 'Resources', 'Question | Help', 'Q&A'];

export interface DataSet {
  posts: RawPost[];
  /** Ids of posts that must never reach a report: NSFW, stickied, removed, or created after now. */
  hidden: Set<string>;
}

export interface SyntheticOptions {
  seed?: number;
  days?: number;
  /** Scales every subreddit's volume: 0.1 gives a few hundred posts, 1 about 4,500, 3 about 14,000. */
  factor?: number;
  /**
   * The collection bench's plainer month: ids `b…` (pinned posts `pin…`), no flairs, plain titles, every
   * removal by moderators, and none of the future or window-edge posts below. Off by default.
   */
  plain?: boolean;
}

export function syntheticPosts({ seed = 1, days = 35, factor = 1, plain = false }: SyntheticOptions = {}): DataSet {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const posts: RawPost[] = [];
  const hidden = new Set<string>();
  let serial = 0;
  const nextId = () => `${plain ? 'b' : 'p'}${(46_656 + serial++).toString(36)}`; // "p1000", "p1001", ...: distinct, sortable
  for (const [subreddit, { perDay, scale }] of Object.entries(VOLUMES)) {
    for (let day = 0; day < days; day++) {
      const mean = perDay * factor * (day % 7 === 5 || day % 7 === 6 ? 0.7 : 1.1); // quieter weekends
      const count = Math.floor(mean * (0.7 + 0.6 * random()) + random());
      for (let i = 0; i < count; i++) {
        const id = nextId();
        const score = Math.max(0, Math.floor(scale * Math.exp(1.3 * normal())));
        const roll = random();
        const post: RawPost = {
          id,
          title: `${subreddit} thread ${id}${!plain && roll < 0.1 ? ' & a Q&A <live>' : ''}`,
          subreddit,
          score,
          num_comments: Math.floor(score * (0.02 + 0.3 * random()) + 8 * random()),
          created_utc: NOW_S - day * DAY - Math.floor(random() * DAY),
        };
        if (!plain) post.link_flair_text = FLAIRS[Math.floor(random() * FLAIRS.length)] ?? null;
        if (roll > 0.98) post.over_18 = true;
        else if (roll > 0.96) post.removed_by_category = plain || random() < 0.5 ? 'moderator' : 'deleted';
        if (post.over_18 || post.removed_by_category) hidden.add(id);
        posts.push(post);
      }
    }
    // A moderators' announcement, pinned: old-ish and very popular, never in a report.
    const sticky = plain ? `pin${serial++}` : nextId();
    posts.push({ id: sticky, title: `${subreddit} rules`, subreddit, score: scale * 80, num_comments: 500, created_utc: NOW_S - 2 * DAY, stickied: true });
    hidden.add(sticky);
  }
  if (plain) return { posts, hidden };
  // Posts "from the future" relative to the injected now, hugely popular: `new` lists them first.
  for (const [i, ahead] of [60, 3 * HOUR, 2 * DAY].entries()) {
    const id = `future${i}`;
    posts.push({ id, title: `Future ${i}`, subreddit: i === 0 ? 'singularity' : 'LocalLLaMA', score: 900_000, num_comments: 9_000, created_utc: NOW_S + ahead });
    hidden.add(id);
  }
  // Exactly on the window edges: `now` itself is in the last 24 h, now − 24 h is not.
  posts.push({ id: 'edgenow', title: 'At now', subreddit: 'MachineLearning', score: 5_000, num_comments: 300, created_utc: NOW_S });
  posts.push({ id: 'edgeday', title: 'At now - 24 h', subreddit: 'MachineLearning', score: 5_100, num_comments: 300, created_utc: NOW_S - DAY });
  return { posts, hidden };
}

/** The report sections built directly from every post the fake holds, skipping `unreadable` subreddits. */
export function completeSections(posts: RawPost[], unreadable: string[] = []): ReportSections {
  const skip = new Set(unreadable.map((s) => s.toLowerCase()));
  const visible = posts.filter(
    (p) => !p.over_18 && !p.stickied && !p.removed_by_category && p.created_utc <= NOW_S && !skip.has(p.subreddit.toLowerCase()),
  );
  return buildReport(visible.map(asPost), NOW).sections;
}

/** A fake post as the client would parse it. */
export function asPost(p: RawPost): Post {
  return {
    id: p.id,
    title: p.title,
    subreddit: p.subreddit,
    score: p.score,
    numComments: p.num_comments,
    flair: p.link_flair_text ?? null,
    createdAt: new Date(p.created_utc * 1000).toISOString(),
    url: `https://www.reddit.com/comments/${p.id}`,
  };
}
