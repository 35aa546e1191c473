import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openApp, type App } from '../../src/main.js';
import type { Analysis } from '../../src/models/analysis.js';
import type { Post, Report } from '../../src/models.js';
import { openStore, type Store } from '../../src/store/store.js';
import { ReportArchive } from '../../src/web/archive.js';
import { openWebSite, storeSampleDay } from '../../src/web/open.js';
import { WebSite } from '../../src/web/site.js';
import { makePost } from '../helpers/posts.js';
import { tempSqliteUrl } from '../helpers/store.js';

// The pages as the program makes them: the sample app (its day stored by the offline analyst, as
// `ai-trends serve --sample` does), or a store filled with hand-made days for search and the archive.

export async function sampleSite(env: Record<string, string> = {}): Promise<{ app: App; site: WebSite; close(): Promise<void> }> {
  const config = loadConfig({ STORE_URL: tempSqliteUrl('ai-trends-web-'), REDDIT_SOURCE: 'sample', ...env }, '0.0.0-test');
  const app = await openApp(config, { sample: true, log: createLogger('silent') });
  await storeSampleDay(app);
  return { app, site: openWebSite(app), close: () => app.close() };
}

/** A report of `date` with these posts in today's list and an analysis of these highlight texts. */
export function dayReport(date: string, posts: Array<Partial<Post>>, highlights: Array<{ name: string; text: string }> = []): Report {
  const made = posts.map((p, i) => makePost({ id: `${date.replaceAll('-', '')}p${i}`, createdAt: `${date}T06:00:00.000Z`, ...p }));
  const analysis: Analysis = {
    sections: {
      highlights: highlights.length > 0 ? [{ theme: 'Theme', items: highlights.map((h) => ({ name: h.name, summary: h.text, whyItMatters: 'It matters.', postIds: [made[0]!.id] })) }] : [],
      weekly: { persistent: [], emerging: [], fading: [] },
      monthly: [],
      deepDive: null,
      communityHighlights: { communities: [], crossCutting: [], niche: [] },
    },
    citations: Object.fromEntries(made.map((p) => [p.id, { id: p.id, title: p.title, subreddit: p.subreddit, score: p.score, numComments: p.numComments, url: p.url }])),
    model: null,
    usage: null,
    source: 'offline',
    language: 'English',
    hasHistory: false,
  };
  return {
    date,
    generatedAt: `${date}T08:00:00.000Z`,
    sections: { today: made, week: [], month: [], communities: [] },
    analysis: highlights.length > 0 ? analysis : null,
    warnings: [],
    source: { mode: 'api', numbersMissing: false },
  };
}

/** A store holding `reports`, and the pages of it with `today` as today. */
export async function siteOf(reports: readonly Report[], today: string): Promise<{ store: Store; site: WebSite; archive: ReportArchive; close(): Promise<void> }> {
  const store = await openStore(tempSqliteUrl('ai-trends-web-'), 'live');
  for (const report of reports) await store.reports.set(report.date, report);
  const archive = new ReportArchive(store, () => today);
  return { store, archive, site: new WebSite(archive), close: () => store.close() };
}

/** The visible text of a page, tags removed and entities decoded (enough for assertions). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
