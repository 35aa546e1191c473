import { afterEach, describe, expect, it } from 'vitest';
import { chartData, type ChartData } from '../../src/analysis/chart-data.js';
import { buildReport } from '../../src/report/build.js';
import { storedChartPng } from '../../src/render/stored-chart-png.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Store } from '../../src/store/store.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

// The chart's PNG kept in the store: a second process (its own store connection, as a shard or a restart
// has) posts the PNG the first one drew, without drawing; another chart is drawn; a store that fails costs
// a drawing, never the chart.

const sample = loadSample();
const chart = chartData(buildReport(sample.posts, sample.now), [])!;
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** A renderer that counts its drawings, each a PNG naming what it drew. */
function counting(): { render: (chart: ChartData) => Buffer; drawn: string[] } {
  const drawn: string[] = [];
  return { drawn, render: (c) => (drawn.push(c.title), Buffer.from(`png of ${c.title}`)) };
}

describe('the chart PNG kept in the store', () => {
  it('is drawn once for two processes on one store, and again for another chart', async () => {
    const url = tempSqliteUrl();
    const [a, b] = [await openTempStore('live', url), await openTempStore('live', url)];
    stores.push(a, b);
    const first = counting();
    const second = counting();
    expect((await storedChartPng(a.chartPngs, first.render)(chart)).toString()).toBe(`png of ${chart.title}`);
    expect((await storedChartPng(b.chartPngs, second.render)(chart)).toString()).toBe(`png of ${chart.title}`);
    expect([first.drawn, second.drawn]).toEqual([[chart.title], []]);
    const other = { ...chart, title: 'Another week' };
    expect((await storedChartPng(b.chartPngs, second.render)(other)).toString()).toBe('png of Another week');
    expect(second.drawn).toEqual(['Another week']);
  });

  it('is drawn when the store fails, reading or saving', async () => {
    const store = await openTempStore();
    stores.push(store);
    const broken = Object.assign(Object.create(store.chartPngs) as typeof store.chartPngs, {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
    });
    const { render, drawn } = counting();
    expect((await storedChartPng(broken, render)(chart)).toString()).toBe(`png of ${chart.title}`);
    expect(drawn).toHaveLength(1);
  });
});
