import { mkdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ChartData } from '../analysis/chart-data.js';
import { loadWeekChart } from '../analysis/week-chart.js';
import { checkCommunities, checkLanguage, checkTopics, type CommunityCheck } from '../../commands/subscription-options.js';
import { checkSubreddits } from '../reddit/subreddits.js';
import { communitiesWanted, viewKey, type ReportView } from '../report/view.js';
import { renderChartPng } from '../render/chart-png.js';
import { describeUsage } from '../llm/usage.js';
import type { Report } from '../models.js';
import { renderJsonReport } from '../render/json.js';
import { renderMarkdownReport, type MarkdownImage } from '../render/markdown.js';
import { EmptyReportError, NoPostInWindowsError } from '../report/daily.js';
import { isLive } from '../report/fallback.js';
import { utcDate } from '../report/windows.js';
import { sampleNow } from '../sample/sample.js';
import { daysBefore } from '../time/day.js';
import type { App } from '../main.js';
import { checkWritableFile, oneOf, parseNow, UsageError } from './args.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { progressLine } from './progress-line.js';
import { noPositionals, parseCommand, type CommandSpec } from './spec.js';

export const reportSpec = {
  name: 'report',
  summary: "Print today's report as Markdown or JSON (built now, or the one stored today).",
  options: [
    { name: 'format', type: 'string', value: 'markdown|json', description: 'Markdown tables (default) or JSON (README "Commands" has its shape)' },
    { name: 'out', type: 'string', value: 'FILE', description: 'write the report to FILE instead of standard output' },
    { name: 'charts', type: 'string', value: 'DIR', description: "draw the week's chart into DIR (created if missing) and link it from the Markdown" },
    { name: 'sample', type: 'boolean', description: 'the bundled sample day (2026-02-11) instead of Reddit: no network, no keys' },
    { name: 'refresh', type: 'boolean', description: "build today's report again even when it is stored" },
    { name: 'communities', type: 'string', value: 'LIST', description: 'preview a view: only these communities, e.g. LocalLLaMA,LocalLLM (README "Per-channel settings")' },
    { name: 'topics', type: 'string', value: 'WORDS', description: 'preview a view: words to keep and leave out on title, flair and body, e.g. +agents,-crypto' },
    { name: 'language', type: 'string', value: 'TAG', description: 'preview a view: the analysis in this language (a BCP-47 tag such as pt-BR; needs a model)' },
    { name: 'now', type: 'string', value: 'ISO', description: "the report of this moment's UTC day, e.g. 2026-02-11T08:00:00Z (a past day only if stored)" },
  ],
  notes: ['Where the posts come from: REDDIT_SOURCE (README "Reddit"). Who wrote the analysis, its cost and any warnings go to standard error.'],
} as const satisfies CommandSpec;

export async function reportCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(reportSpec, args);
  noPositionals(reportSpec, positionals);
  const format = oneOf('--format', values.format, ['markdown', 'json'] as const, 'markdown');
  // Checked before the app opens: a wrong --now is a usage error whatever the source.
  parseNow(values.now, context.clock(), context.clock());
  if (values.out === '') throw new UsageError('--out needs a file name');
  // Checked before the report is built and stored: a wrong --out must not cost a collection.
  if (values.out) checkWritableFile('--out', values.out);
  if (values.charts !== undefined) prepareChartsDir(values.charts);

  // The report's warnings say why a fallback happened (printed below): no separate notice line.
  const { app } = await openLiveOrSample({ ...context, openApp: (options) => context.openApp({ ...options, notice: () => undefined }) }, values.sample);
  try {
    // The sample (--sample, REDDIT_SOURCE=sample) is one fixed day, asked at its own `now`.
    const now = parseNow(values.now, app.sample ? sampleNow() : context.clock(), context.clock());
    const pastDay = !app.sample && utcDate(now) < utcDate(context.clock());
    if (pastDay && values.refresh) await refuseRefreshOfPastDay(app, now);
    const progress = progressLine(context.stderr, () => context.clock().getTime());
    const view = await previewView(values, app);
    if (view?.communities && !app.sample) {
      const collected = new Set((await communitiesWanted(app.config.reddit.subreddits, app.store, app.config.report.maxCommunities)).map((c) => c.toLowerCase()));
      const missing = view.communities.filter((c) => !collected.has(c.toLowerCase()));
      if (missing.length > 0) context.stderr.write(`note: ${missing.map((c) => `r/${c}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the day's collection (neither configured nor named by a subscription): the preview has no posts of ${missing.length === 1 ? 'it' : 'them'} until a channel subscribes with ${missing.length === 1 ? 'it' : 'them'}\n`);
    }
    const options = { now, refresh: values.refresh, onProgress: (p: Parameters<typeof progress.update>[0]) => progress.update(p), emptyIsError: pastDay };
    const { report, fromStore, retryAt } = await (view ? app.reports.view(view, options) : app.reports.get(options))
      .catch(async (error: unknown) => {
        if (pastDay && (error instanceof EmptyReportError || error instanceof NoPostInWindowsError)) await refusePastDayWithoutReport(app, now, context.clock());
        throw error;
      })
      .finally(() => progress.clear());
    const chart = await loadWeekChart(app.store, report);
    const image = values.charts !== undefined && chart ? await writeChart(chart, report.date, values.charts, values.out, context) : undefined;
    const text = format === 'json' ? renderJsonReport(report, chart) : renderMarkdownReport(report, { chart: image });
    if (values.out) {
      await writeFile(values.out, text);
      context.stderr.write(`wrote the ${report.date} report to ${values.out}\n`);
    } else {
      context.stdout.write(text);
    }
    if (fromStore && retryAt) context.stderr.write(`served the stand-in kept since today's posts could not be collected; Reddit is asked again after ${retryAt.slice(11, 16)} UTC, or now with --refresh\n`);
    else if (fromStore) context.stderr.write(`served the stored ${report.date} report (built ${report.generatedAt}); --refresh builds it again\n`);
    context.stderr.write(`${describeAnalysis(report)}\n`);
    for (const warning of report.warnings) context.stderr.write(`warning: ${warning}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Reddit gives its latest posts only: a past day's report exists only if it was built that day. A `--now`
 * on such a day without one used to end in a report of that day built from newer posts, all outside its
 * windows (an empty report said to be that day's), or in the sample's stand-in. Decided after asking the
 * source, not on the wall clock alone: a Reddit (or a fake) that has that day's posts still builds it.
 */
async function refusePastDayWithoutReport(app: App, now: Date, wallClock: Date): Promise<never> {
  const day = utcDate(now);
  const today = utcDate(wallClock);
  const days: string[] = [];
  for (let back = 1; back <= 14; back++) {
    const report = await app.store.reports.get(daysBefore(today, back));
    if (report && isLive(report)) days.push(report.date);
  }
  const storedDays = days.length > 0 ? `stored days: ${days.join(', ')}` : 'no past day is stored';
  throw new UsageError(`no report is stored for ${day} (${PAST_DAY}; ${storedDays}). Leave out --now for today's report, or add --sample for the bundled sample day (${utcDate(sampleNow())})`);
}

/** The view --communities, --topics and --language ask for, checked as /subscribe checks them; undefined: the day's report. */
async function previewView(values: { communities?: string; topics?: string; language?: string }, app: App): Promise<ReportView | undefined> {
  const view: ReportView = {};
  if (values.communities !== undefined) {
    const reddit = app.reddit;
    const check: CommunityCheck | undefined = reddit
      ? async (name) => {
          const checked = await checkSubreddits(reddit, [name], app.store.subreddits, new Date());
          return checked.readable[0] ? { ok: true, name: checked.readable[0] } : { ok: false, reason: checked.warnings[0] ?? 'not readable' };
        }
      : undefined;
    const checked = await checkCommunities(values.communities, { configured: app.config.reddit.subreddits, check, others: [], max: app.config.report.maxCommunities });
    if (!checked.ok) throw new UsageError(`--communities: ${checked.message}`);
    if (checked.value) view.communities = checked.value;
  }
  if (values.topics !== undefined) {
    const checked = checkTopics(values.topics);
    if (!checked.ok) throw new UsageError(`--topics: ${checked.message}`);
    if (checked.value) view.topics = checked.value;
  }
  if (values.language !== undefined) {
    const checked = checkLanguage(values.language);
    if (!checked.ok) throw new UsageError(`--language: ${checked.message}`);
    if (checked.value) view.language = checked.value;
  }
  return viewKey(view) ? view : undefined;
}

/** --refresh of a past day's stored report: rebuilding it would replace it with newer posts, or fail. */
async function refuseRefreshOfPastDay(app: App, now: Date): Promise<void> {
  const day = utcDate(now);
  const stored = await app.store.reports.get(day);
  if (stored && isLive(stored)) throw new UsageError(`--refresh with --now on ${day}: the stored ${day} report cannot be built again (${PAST_DAY}); leave out --refresh to see it`);
}

const PAST_DAY = "Reddit gives only today's posts, so a past day's report is built on that day or never";

/** --charts DIR: created when missing; a file there, or a place that cannot be written, stops before any work. */
function prepareChartsDir(dir: string): void {
  if (dir === '') throw new UsageError('--charts needs a directory, e.g. --charts charts');
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--charts ${dir} is a file; give a directory for the chart images, e.g. --charts charts`);
    return;
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--charts ${dir}: cannot create the directory (${(error as NodeJS.ErrnoException).code ?? String(error)}); give a writable one`);
  }
}

/**
 * Writes the chart PNG into `dir` and returns how the Markdown embeds it: a link relative to the Markdown
 * file (--out), or to the current directory when it goes to stdout. A chart that cannot be drawn costs the
 * image only: the report is written without it, and stderr says so.
 */
async function writeChart(chart: ChartData, date: string, dir: string, out: string | undefined, context: CliContext): Promise<MarkdownImage | undefined> {
  const file = join(dir, `ai-trends-week-${date}.png`);
  try {
    await writeFile(file, renderChartPng(chart));
  } catch (error) {
    context.stderr.write(`warning: the week's chart could not be drawn or written to ${file} (${error instanceof Error ? error.message : String(error)}); the report has no image\n`);
    return undefined;
  }
  context.stderr.write(`wrote the week's chart to ${file}\n`);
  const from = out ? dirname(resolve(out)) : resolve('.');
  return { path: relative(from, resolve(file)).split(sep).join('/'), altText: chart.altText, notes: chart.notes };
}

/** One line for the operator: who wrote the analysis and what it cost. */
export function describeAnalysis(report: Report): string {
  const analysis = report.analysis;
  if (!analysis) return 'analysis: none';
  const usage = analysis.usage ? `: ${describeUsage(analysis.usage, analysis.model ?? undefined)}` : '';
  if (analysis.source !== 'offline') return `analysis: ${analysis.model}${usage}`;
  return `analysis: automatic summary (offline analyst${analysis.usage ? `; the model's failed answer used ${describeUsage(analysis.usage)}` : ''})`;
}
