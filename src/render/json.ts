import type { ChartData } from '../analysis/chart-data.js';
import type { Post, Report, ReportSource } from '../models.js';
import { sourceOf } from '../reply/source-line.js';

/**
 * A post as the JSON output documents it: the collected fields, without enrichment. `score` and
 * `numComments` are null when the source did not give them (the public feeds); `topRank` (places in
 * Reddit's top lists) and `numbersFrom` ('archive') only when the post has them.
 */
export type JsonPost = Omit<Post, 'selftext' | 'topComments' | 'domain' | 'linkUrl'>;

// Each field is copied by name rather than serialising the report as it is: posts enriched for the
// analysis carry `selftext` and `topComments`, which are not part of the documented JSON (and can be long).
export function jsonPost(post: Post): JsonPost {
  const { id, title, subreddit, score, numComments, flair, createdAt, url, topRank, numbersFrom } = post;
  return { id, title, subreddit, score, numComments, ...(topRank ? { topRank } : {}), ...(numbersFrom ? { numbersFrom } : {}), flair, createdAt, url };
}

/**
 * The report as JSON, the shape documented in README (`source`, `sections`, `analysis`, `warnings`, and
 * `chart`, the week chart's data, when given: null when there was nothing to draw). `source` is always
 * there: a report stored before sources had a ladder reads as the API's.
 */
export function renderJsonReport(report: Report, chart?: ChartData | null): string {
  const { today, week, month, communities } = report.sections;
  const source: ReportSource = sourceOf(report);
  const out = {
    date: report.date,
    generatedAt: report.generatedAt,
    // A view's preview (`report --communities …`): what it was built for.
    ...(report.view ? { view: { communities: report.view.communities ?? null, topics: report.view.topics ?? null, language: report.view.language ?? null } } : {}),
    source,
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
