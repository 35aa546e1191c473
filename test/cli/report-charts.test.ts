import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { runBin, tempStoreUrl } from '../helpers/run-cli.js';

// `ai-trends report --charts DIR`: the real bin writes the week's chart PNG, the Markdown embeds it with a
// relative link and alt text, and the JSON carries the chart's numbers.

describe('ai-trends report --charts', () => {
  it('writes the PNG and embeds it in the Markdown with a relative link and alt text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-trends-charts-'));
    const out = join(dir, 'report.md');
    const result = await runBin(['report', '--sample', '--out', out, '--charts', join(dir, 'img')], { STORE_URL: tempStoreUrl() });
    expect(result.code, result.stderr).toBe(0);
    const png = join(dir, 'img', 'ai-trends-week-2026-02-11.png');
    expect(existsSync(png)).toBe(true);
    const image = await loadImage(readFileSync(png));
    expect([image.width, image.height]).toEqual([800, 400]);
    const markdown = readFileSync(out, 'utf8');
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Reddit AI Trend Report - 2026-02-11');
    // Right under the title, the path relative to the Markdown file.
    // No earlier day stored: the alt text marks no topic as rising (movement.ts needs a real base).
    expect(lines[2]).toMatch(/^!\[Line chart: points per day of the 5 topics with the most attention .*Too few days are stored to say which topic is rising\. .*\]\(img\/ai-trends-week-2026-02-11\.png\)$/);
    expect(markdown).toContain('_No earlier day is stored yet');
    expect(result.stderr).toContain(`wrote the week's chart to ${png}`);
  });

  it('the JSON carries the chart data', async () => {
    const result = await runBin(['report', '--sample', '--format', 'json'], { STORE_URL: tempStoreUrl() });
    expect(result.code, result.stderr).toBe(0);
    const { chart, sections } = JSON.parse(result.stdout);
    expect(chart).toMatchObject({ kind: 'topic-momentum', title: 'Topic momentum, last 7 days', xLabel: 'Day (24 hours to 08:00 UTC)', yLabel: 'Points per day', daysStored: 1 });
    expect(chart.categories).toHaveLength(7);
    expect(chart.series.map((s: { name: string }) => s.name)).toContain('Seedance');
    // The same numbers as the text: today's Seedance points are the sum of its posts in today's list.
    const seedance = sections.today.filter((p: { title: string }) => /seedance/i.test(p.title)).reduce((sum: number, p: { score: number }) => sum + p.score, 0);
    expect(chart.series.find((s: { name: string }) => s.name === 'Seedance').values[6]).toBe(seedance);
  });

  it('--charts naming a file stops with one clear line before anything is built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-trends-charts-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    const result = await runBin(['report', '--sample', '--charts', file], { STORE_URL: tempStoreUrl() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`ai-trends report: --charts ${file} is a file; give a directory for the chart images, e.g. --charts charts`);
  });
});
