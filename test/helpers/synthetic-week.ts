import type { HistoryDay } from '../../src/analysis/history.js';
import { postUrl, type Post, type Report } from '../../src/models.js';
import { buildReport } from '../../src/report/build.js';
import type { Store } from '../../src/store/store.js';
import { daysBefore } from '../../src/time/day.js';

// A synthetic week for the chart tests, the golden PNG and the bench: six topics over 7 days, one rising
// sharply today, one fading, the rest steady, and every earlier day's snapshot stored. Deterministic.

export const WEEK_NOW = new Date('2026-02-11T08:00:00Z');
const DAY = 86_400_000;

/** Points a day of each topic, oldest day first (the last is today). */
// One significant word per title (the rest are stopwords or numbers), so each topic is named by it.
const curves: Record<string, { title: string; subreddit: string; points: number[] }> = {
  seedance: { title: 'Seedance', subreddit: 'singularity', points: [150, 220, 300, 260, 900, 2100, 3600] },
  qwen: { title: 'Qwen3', subreddit: 'LocalLLaMA', points: [1200, 1350, 1100, 1500, 1400, 1250, 1300] },
  humanoid: { title: 'Humanoids', subreddit: 'singularity', points: [3100, 2600, 1900, 1200, 700, 300, 120] },
  kimi: { title: 'Kimi', subreddit: 'LocalLLaMA', points: [0, 0, 400, 900, 1100, 800, 950] },
  gemma: { title: 'Gemma', subreddit: 'LocalLLM', points: [500, 450, 600, 550, 500, 650, 700] },
  rag: { title: 'RAG', subreddit: 'Rag', points: [200, 180, 220, 260, 240, 210, 300] },
};

/** Every post of the week: each topic's day split over two posts (a topic needs two), created that day. */
export function syntheticWeekPosts(now: Date = WEEK_NOW): Post[] {
  const posts: Post[] = [];
  for (const [key, curve] of Object.entries(curves)) {
    curve.points.forEach((points, day) => {
      if (points === 0) return;
      const hoursAgo = (6 - day) * 24 + 5;
      for (const [part, share] of [0.6, 0.4].entries()) {
        const id = `${key}${day}${part}`;
        posts.push({
          id,
          title: `${curve.title} is here (#${day}${part})`,
          subreddit: curve.subreddit,
          score: Math.round(points * share),
          numComments: 15 + day * 3,
          flair: null,
          createdAt: new Date(now.getTime() - (hoursAgo + part * 2) * 3_600_000).toISOString(),
          url: postUrl(id),
        });
      }
    });
  }
  return posts;
}

export interface SyntheticWeek {
  report: Report;
  history: HistoryDay[];
}

/** Today's report built from the week's posts, and the snapshots of today and the six days before, newest first. */
export function syntheticWeek(now: Date = WEEK_NOW): SyntheticWeek {
  const posts = syntheticWeekPosts(now);
  const report = buildReport(posts, now);
  const history = Array.from({ length: 7 }, (_, i): HistoryDay => {
    const date = daysBefore(report.date, i);
    const end = now.getTime() - i * DAY;
    return { date, snapshot: { date, takenAt: new Date(end).toISOString(), posts: posts.filter((p) => Date.parse(p.createdAt) <= end && Date.parse(p.createdAt) > end - DAY) } };
  });
  return { report, history };
}

/** The earlier days' snapshots put in a store, as the daily builds would have left them (today's is built). */
export async function storeSyntheticHistory(store: Store, week: SyntheticWeek = syntheticWeek()): Promise<void> {
  for (const day of week.history.filter((d) => d.date < week.report.date)) await store.snapshots.set(day.date, day.snapshot!);
}
