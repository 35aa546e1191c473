import { createHash } from 'node:crypto';
import type { ChartData } from '../analysis/chart-data.js';
import type { Collection } from '../store/collection.js';
import type { ChartPngRenderer } from './chart-png.js';

// The chart's PNG kept in the store by what it shows, for two days: a process that starts later the same
// day (a Discord shard, a restart, `ai-trends deliver` from cron) posts the PNG another one drew instead of
// starting a drawing process of its own (about half a second of CPU each). The store is a help, not a
// need: when it fails the chart is drawn as before.

const KEPT_MS = 2 * 86_400_000;

/** The store's key of a chart: a digest of what it shows. */
export function chartPngKey(chart: ChartData): string {
  return createHash('sha256').update(JSON.stringify(chart)).digest('base64url');
}

export function storedChartPng(pngs: Collection<string>, render: ChartPngRenderer): ChartPngRenderer {
  return async (chart) => {
    const key = chartPngKey(chart);
    const kept = await pngs.get(key).catch(() => undefined);
    if (kept) return Buffer.from(kept, 'base64');
    const png = await render(chart);
    await pngs.set(key, png.toString('base64'), KEPT_MS).catch(() => undefined);
    return png;
  };
}
