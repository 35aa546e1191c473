import { describeViewCosts, viewCosts } from '../report/view-costs.js';
import { describeReportInUse, reportInUse } from '../report/in-use.js';
import { sampleNow } from '../sample/sample.js';
import { deliveryStatus, renderStatusText } from '../schedule/status.js';
import { oneOf, parseNow } from './args.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { noPositionals, parseCommand, type CommandSpec } from './spec.js';

export const statusSpec = {
  name: 'status',
  summary: 'Show the morning posts and the report in use (reads the store only).',
  options: [
    { name: 'format', type: 'string', value: 'text|json', description: 'text for people (default) or JSON for scripts' },
    { name: 'sample', type: 'boolean', description: 'the store of the bundled sample day (what --sample and REDDIT_SOURCE=sample runs wrote)' },
    { name: 'now', type: 'string', value: 'ISO', description: 'as of this moment instead of now, e.g. 2026-02-11T08:00:00Z (not in the future)' },
  ],
  notes: ["It lists the subscriptions, the posts due by now (done, pending, failed, paused, missed), each channel's next post, and which report is served today."],
} as const satisfies CommandSpec;

/** Where the morning posts stand and which report readers get, from the store alone (no platform, no Reddit). */
export async function statusCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(statusSpec, args);
  noPositionals(statusSpec, positionals);
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  const now = parseNow(values.now, context.clock(), context.clock(), 'status shows what is due and done up to a moment that has come; leave --now out for the current time');
  const { app, sample } = await openLiveOrSample(context, values.sample);
  try {
    const status = await deliveryStatus(app.store, now);
    const sampleDate = sample ? sampleNow().toISOString().slice(0, 10) : undefined;
    const inUse = await reportInUse(app.store, now, sampleDate);
    // The sample day is years before `now`: its report is the last one built in its store.
    const sampleReport = sampleDate ? await app.store.reports.get(sampleDate) : undefined;
    if (sampleReport) status.lastReport = { date: sampleReport.date, generatedAt: sampleReport.generatedAt, analysis: sampleReport.analysis?.source ?? 'none' };
    // Each distinct report view of the day (README "Per-channel settings"): its analysis and what it cost.
    const viewsDate = sampleDate ?? now.toISOString().slice(0, 10);
    const views = await viewCosts(app.store, viewsDate);
    if (format === 'json') context.stdout.write(`${JSON.stringify({ ...status, reportInUse: inUse, views }, null, 2)}\n`);
    else context.stdout.write(`${renderStatusText(status)}${describeReportInUse(inUse)}\n${describeViewCosts(viewsDate, views, app.config.report.maxViews)}`);
    return 0;
  } finally {
    await app.close();
  }
}
