import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../../src/health/http.js';
import { webRoutes } from '../../src/web/site.js';
import { CHROMIUM } from '../tools/screenshots/shoot.js';
import { sampleSite } from './helpers.js';

// The pages in a real browser: Debian's chromium (apt-get install chromium; puppeteer-core downloads none)
// opens the front page and the sample's archive page at a phone's width (390 px) and a desktop's (1280 px),
// light and dark: no console error, the chart drawn, a table sorted by a click, a search answered. The
// pictures go to a temporary directory, or to docs/images/web-*.png (the README's) with SAVE_SCREENSHOTS=1.

const saveTo = process.env.SAVE_SCREENSHOTS ? new URL('../../docs/images/', import.meta.url).pathname : undefined;

let sample: Awaited<ReturnType<typeof sampleSite>> | undefined;
let server: HealthServer | undefined;
let browser: Browser | undefined;
let out = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  sample = await sampleSite();
  server = await startHealthServer(webRoutes(sample.site), { host: '127.0.0.1', port: 0 });
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--font-render-hinting=none'] });
  out = saveTo ?? (await mkdtemp(join(tmpdir(), 'ai-trends-web-shots-')));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sample?.close();
  if (out && !saveTo) await rm(out, { recursive: true, force: true });
});

/** A page that records every console error, failed request and 4xx/5xx answer. */
async function open(width: number, scheme: 'light' | 'dark', path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser!.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`));
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.setViewport({ width, height: width < 600 ? 844 : 900, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${server!.port}${path}`, { waitUntil: 'load' });
  return { page, problems };
}

async function shoot(page: Page, name: string, height: number): Promise<number> {
  const file = join(out, `web-${name}.png`);
  const width = page.viewport()!.width;
  await page.screenshot({ path: file as `${string}.png`, clip: { x: 0, y: 0, width, height } });
  return (await stat(file)).size;
}

describe.skipIf(!existsSync(CHROMIUM))(`the pages in ${CHROMIUM}`, () => {
  it('the front page at 1280 px, light: the chart drawn, a table sorted by a click, no console error', async () => {
    const { page, problems } = await open(1280, 'light', '/');
    const chart = await page.$eval('svg.chart', (svg) => ({ width: svg.getBoundingClientRect().width, lines: svg.querySelectorAll('polyline, rect.bar').length, label: svg.getAttribute('aria-labelledby') }));
    expect(chart.width).toBeGreaterThan(600);
    expect(chart.lines).toBeGreaterThan(0);
    expect(chart.label).toBe('chart-title chart-desc');
    expect(await page.$$eval('table.posts', (tables) => tables.length)).toBeGreaterThanOrEqual(4);
    // Sorting: the script made each header a button; "Comments" ascending, then descending.
    const comments = (order: string) => page.$eval('#today + .table table', (table, o) => {
      const heads = [...table.querySelectorAll('th')];
      const column = heads.findIndex((th) => th.textContent!.trim().startsWith('Comments'));
      (heads[column]!.querySelector('button') as unknown as { click(): void }).click();
      const values = [...table.querySelectorAll('tbody tr')].map((row) => Number((row as unknown as { cells: Array<{ dataset: { sort?: string } }> }).cells[column]!.dataset.sort));
      return { values, sort: heads[column]!.getAttribute('aria-sort'), o };
    }, order);
    const up = await comments('up');
    expect(up.sort).toBe('ascending');
    expect(up.values).toEqual([...up.values].sort((a, b) => a - b));
    const down = await comments('down');
    expect(down.sort).toBe('descending');
    expect(down.values).toEqual([...down.values].sort((a, b) => b - a));
    await page.reload({ waitUntil: 'load' });
    expect(await shoot(page, 'desktop', 1400)).toBeLessThan(600 * 1024);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the sample day at 390 px, dark: readable without sideways scrolling, and a search from its form', async () => {
    const { page, problems } = await open(390, 'dark', '/reports/2026-02-11');
    // The page itself never scrolls sideways: only a wide table does, in its own box.
    expect(await page.$eval('html', (html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.$eval('body', (body) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(body).backgroundColor)).toBe('rgb(13, 17, 23)');
    expect(await page.$eval('svg.chart', (svg) => svg.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
    expect(await shoot(page, 'phone', 1500)).toBeLessThan(600 * 1024);
    await page.type('form.search input[name=q]', 'seedance');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.search button')]);
    expect(page.url()).toContain('/search?q=seedance');
    expect(await page.$$eval('ol.hits li', (hits) => hits.length)).toBeGreaterThan(0);
    expect(await page.$eval('#results', (p) => p.textContent)).toMatch(/^\d+ results for “seedance” in 1 stored day/);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

it.skipIf(existsSync(CHROMIUM))(`skipped: no ${CHROMIUM} (apt-get install chromium)`, () => {
  console.warn(`test/web/browser.test.ts: ${CHROMIUM} is missing; install Debian's chromium to run the browser test`);
});
