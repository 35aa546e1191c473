import { describe, expect, it } from 'vitest';
import { chartData, type ChartData } from '../../src/analysis/chart-data.js';
import { buildReport } from '../../src/report/build.js';
import { renderChartPng } from '../../src/render/chart-png.js';
import { renderChartPngApart } from '../../src/render/chart-png-apart.js';
import { loadSample } from '../../src/sample/sample.js';

// The chart drawn in a child process (chart-png-apart.ts): the same PNG as drawn in process, the bot only
// waiting for its bytes; a chart that cannot be drawn fails there and is not drawn again here.

const sample = loadSample();
const chart = chartData(buildReport(sample.posts, sample.now), [])!;

describe('the chart drawn apart', () => {
  it('is the PNG the bot would have drawn itself', async () => {
    const apart = await renderChartPngApart(chart);
    expect(apart.subarray(1, 4).toString()).toBe('PNG');
    expect(apart.equals(renderChartPng(chart))).toBe(true);
  }, 30_000);

  it('a chart that cannot be drawn fails in the child, and is not drawn in process after it', async () => {
    const broken = { ...chart, series: null } as unknown as ChartData;
    await expect(renderChartPngApart(broken)).rejects.toThrow(/^the chart could not be drawn: /);
  }, 30_000);
});
