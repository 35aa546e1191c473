import type { ChartData } from '../analysis/chart-data.js';
import type { Post, Report } from '../models.js';

/** A post as the JSON output documents it: the collected fields, without enrichment. */
export type JsonPost = Omit<Post, 'selftext' | 'topComments'>;

// Each field is copied by name rather than serialising the report as it is: posts enriched for the
// analysis carry `selftext` and `topComments`, which are not part of the documented JSON (and can be long).
export function jsonPost(post: Post): JsonPost {
  const { id, title, subreddit, score, numComments, flair, createdAt, url } = post;
  return { id, title, subreddit, score, numComments, flair, createdAt, url };
}

/**
 * The report as JSON, the shape documented in README (`sections`, `analysis`, `warnings`, and `chart`,
 * the week chart's data, when given: null when there was nothing to draw).
 */
export function renderJsonReport(report: Report, chart?: ChartData | null): string {
  const { today, week, month, communities } = report.sections;
  const out = {
    date: report.date,
    generatedAt: report.generatedAt,
    sections: {
      today: today.map(jsonPost),
      week: week.map(jsonPost),
      month: month.map(jsonPost),
      communities: communities.map(({ subreddit, posts }) => ({ subreddit, posts: posts.map(jsonPost) })),
    },
    analysis: report.analysis ?? null,
    warnings: report.warnings,
    ...(chart !== undefined ? { chart } : {}),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
