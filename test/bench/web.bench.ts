// `npm run bench` (web part): the pages of a stored day (time to answer GET /reports/DATE from the store,
// chart included, and the page's size, whole and before the chart; goal < 100 kB before the chart), and
// /search over 90 stored days (the first search, which reads the days and builds the index, then p50/p99
// of warm searches). Each day is the sample's report under another date, half its posts new that day.
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openApp } from '../../src/main.js';
import type { Post, Report } from '../../src/models.js';
import { openStore } from '../../src/store/store.js';
import { daysBefore } from '../../src/time/day.js';
import { ReportArchive } from '../../src/web/archive.js';
import { openWebSite, storeSampleDay } from '../../src/web/open.js';
import { WebSite } from '../../src/web/site.js';
import { tempSqliteUrl } from '../helpers/store.js';

const RUNS = 50;
const DAYS = 90;
const QUERIES = ['qwen', 'seedance', 'claude opus', 'local llm', 'agents', 'rag', 'gpu vram', 'r/LocalLLaMA', 'anthropic', 'humanoid robots', 'fine-tuning', 'benchmark', 'open source model', 'xai', 'data science interviews', 'mamba', 'moe training', 'kimi', 'hugging face', 'nothing-matches-this'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

// A stored day: the sample app's own store, its day built by the offline analyst.
const config = loadConfig({ STORE_URL: tempSqliteUrl('ai-trends-bench-web-'), REDDIT_SOURCE: 'sample' }, 'bench');
const app = await openApp(config, { sample: true, log: createLogger('silent') });
await storeSampleDay(app);
const site = openWebSite(app);
const path = '/reports/2026-02-11';
const first = performance.now();
const page = await site.get(path);
const firstMs = performance.now() - first;
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await site.get(path);
  times.push(performance.now() - t);
}
const bytes = Buffer.byteLength(page.body);
const beforeChart = Buffer.byteLength(page.body.replace(/<figure class="chart"[\s\S]*?<\/figure>/, ''));
console.log(`\nA stored day's page, GET ${path} from SQLite, chart included (${RUNS} runs after the first)\n`);
console.log(`first ${ms(firstMs)} · p50 ${ms(percentile(times, 50))} · p99 ${ms(percentile(times, 99))}`);
console.log(`size ${(bytes / 1000).toFixed(1)} kB (${(gzipSync(page.body).length / 1000).toFixed(1)} kB gzipped) · before the chart ${(beforeChart / 1000).toFixed(1)} kB (goal < 100 kB: ${beforeChart < 100_000 ? 'met' : 'MISSED'})`);
const report = (await app.store.reports.get('2026-02-11'))!;
await app.close();

// 90 stored days: the sample's report under each date, half of each list new that day (ids and titles varied).
function dayOf(base: Report, date: string, n: number): Report {
  const vary = (p: Post, i: number): Post => (i % 2 === 0 ? { ...p, id: `${p.id}d${n}`, url: `${p.url}d${n}`, title: `${p.title} (day ${n})` } : p);
  const { today, week, month, communities } = base.sections;
  return { ...base, date, generatedAt: `${date}T08:00:00.000Z`, sections: { today: today.map(vary), week: week.map(vary), month, communities: communities.map((c) => ({ ...c, posts: c.posts.map(vary) })) } };
}
const store = await openStore(tempSqliteUrl('ai-trends-bench-web-'), 'live');
const today = '2026-05-11';
for (let n = 0; n < DAYS; n++) await store.reports.set(daysBefore(today, n), dayOf(report, daysBefore(today, n), n));
const archive = new ReportArchive(store, () => today);
const search = new WebSite(archive);
const cold = performance.now();
const firstHits = await archive.search('qwen');
const coldMs = performance.now() - cold;
const warm: number[] = [];
let hits = 0;
for (let round = 0; round < 10; round++) {
  for (const q of QUERIES) {
    const t = performance.now();
    const answer = await search.get(`/search?q=${encodeURIComponent(q)}`);
    warm.push(performance.now() - t);
    hits += (answer.body.match(/<li class="hit/g) ?? []).length;
  }
}
const archivePage = await search.get('/reports');
console.log(`\n/search over ${DAYS} stored days (${firstHits.days} found; ${QUERIES.length} queries × 10, the whole page made each time)\n`);
console.log(`first search (reads the ${DAYS} days, builds the index) ${ms(coldMs)} · then p50 ${ms(percentile(warm, 50))} · p99 ${ms(percentile(warm, 99))} · ${(hits / warm.length).toFixed(0)} hits shown a query on average`);
console.log(`archive page of ${DAYS} days: ${(Buffer.byteLength(archivePage.body) / 1000).toFixed(1)} kB; process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
await store.close();
