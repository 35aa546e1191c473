import { mkdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ChartData } from '../analysis/chart-data.js';
import { loadWeekChart } from '../analysis/week-chart.js';
import { renderChartPng } from '../render/chart-png.js';
import { describeUsage } from '../llm/usage.js';
import type { Report } from '../models.js';
import { renderJsonReport } from '../render/json.js';
import { renderMarkdownReport, type MarkdownImage } from '../render/markdown.js';
import { loadSample } from '../sample/sample.js';
import { checkWritableFile, oneOf, parseNow, parseOptions, UsageError } from './args.js';
import type { CliContext } from './context.js';
import { progressLine } from './progress-line.js';

export const reportUsage = 'ai-trends report [--now ISO] [--format markdown|json] [--out FILE] [--charts DIR] [--sample] [--refresh]';

export async function reportCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      now: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      charts: { type: 'string' },
      sample: { type: 'boolean', default: false },
      refresh: { type: 'boolean', default: false },
    },
    reportUsage,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${reportUsage}`);
  const format = oneOf('--format', values.format, ['markdown', 'json'] as const, 'markdown');
  // Checked before the app opens: a wrong --now is a usage error whatever the source.
  parseNow(values.now, context.clock(), context.clock());
  if (values.out === '') throw new UsageError('--out needs a file name');
  // Checked before the report is built and stored: a wrong --out must not cost a collection.
  if (values.out) checkWritableFile('--out', values.out);
  if (values.charts !== undefined) prepareChartsDir(values.charts);

  // The report's warnings say why a fallback happened (printed below): no separate notice line.
  const app = await context.openApp({ sample: values.sample === true, notice: () => undefined });
  try {
    // The sample (--sample, REDDIT_SOURCE=sample) is one fixed day, asked at its own `now`.
    const now = parseNow(values.now, app.sample ? loadSample().now : context.clock(), context.clock());
    const progress = progressLine(context.stderr, () => context.clock().getTime());
    const { report, fromStore, retryAt } = await app.reports.get({ now, refresh: values.refresh === true, onProgress: (p) => progress.update(p) }).finally(() => progress.clear());
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
