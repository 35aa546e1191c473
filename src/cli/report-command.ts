import { writeFile } from 'node:fs/promises';
import { describeUsage } from '../llm/usage.js';
import type { Report } from '../models.js';
import { renderJsonReport } from '../render/json.js';
import { renderMarkdownReport } from '../render/markdown.js';
import { loadSample } from '../sample/sample.js';
import { checkWritableFile, oneOf, parseNow, parseOptions, UsageError } from './args.js';
import type { CliContext } from './context.js';

export const reportUsage = 'ai-trends report [--now ISO] [--format markdown|json] [--out FILE] [--sample] [--refresh]';

export async function reportCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      now: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      sample: { type: 'boolean', default: false },
      refresh: { type: 'boolean', default: false },
    },
    reportUsage,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${reportUsage}`);
  const format = oneOf('--format', values.format, ['markdown', 'json'] as const, 'markdown');
  const sample = values.sample === true;
  const now = parseNow(values.now, sample ? loadSample().now : context.clock(), context.clock());
  if (values.out === '') throw new UsageError('--out needs a file name');
  // Checked before the report is built and stored: a wrong --out must not cost a collection.
  if (values.out) checkWritableFile('--out', values.out);

  const app = await context.openApp({ sample });
  try {
    const { report, fromStore } = await app.reports.get({ now, refresh: values.refresh === true });
    const text = format === 'json' ? renderJsonReport(report) : renderMarkdownReport(report);
    if (values.out) {
      await writeFile(values.out, text);
      context.stderr.write(`wrote the ${report.date} report to ${values.out}\n`);
    } else {
      context.stdout.write(text);
    }
    if (fromStore) context.stderr.write(`served the stored ${report.date} report (built ${report.generatedAt}); --refresh builds it again\n`);
    context.stderr.write(`${describeAnalysis(report)}\n`);
    for (const warning of report.warnings) context.stderr.write(`warning: ${warning}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** One line for the operator: who wrote the analysis and what it cost. */
export function describeAnalysis(report: Report): string {
  const analysis = report.analysis;
  if (!analysis) return 'analysis: none';
  const usage = analysis.usage ? `: ${describeUsage(analysis.usage, analysis.model ?? undefined)}` : '';
  if (analysis.source !== 'offline') return `analysis: ${analysis.model}${usage}`;
  return `analysis: automatic summary (offline analyst${analysis.usage ? `; a failed Claude call used ${describeUsage(analysis.usage)}` : ''})`;
}
