import type { App } from '../main.js';
import { sampleNow } from '../sample/sample.js';
import { utcDate } from '../time/day.js';
import { ReportArchive } from './archive.js';
import { WebSite } from './site.js';

/**
 * The pages of the wired app's store: today is the wall clock's day, or the sample's own day when it
 * serves the bundled sample (whose one stored day is then "today").
 */
export function openWebSite(app: App, { clock = () => new Date(), static: isStatic = false }: { clock?: () => Date; static?: boolean } = {}): WebSite {
  const today = app.sample ? () => utcDate(sampleNow()) : () => utcDate(clock());
  return new WebSite(new ReportArchive(app.store, today), { publicUrl: app.config.web.publicUrl, log: app.log, static: isStatic });
}

/** With the sample, its day is built and stored first (offline, a second): the sample counts as a stored day. */
export async function storeSampleDay(app: App): Promise<void> {
  if (app.sample) await app.reports.get({ now: sampleNow() });
}
