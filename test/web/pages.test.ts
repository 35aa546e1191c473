import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.js';
import { CONTENT_SECURITY_POLICY, type WebSite } from '../../src/web/site.js';
import { dayReport, sampleSite, siteOf, textOf } from './helpers.js';

// The pages of the sample day as `ai-trends serve --sample` makes them: the whole report (four tables, the
// analysis, the chart), golden; the archive; a 404 for a day not stored; a 4xx for every bad path; the
// headers (a strict CSP, cache by day); and nothing but public data on any page.

let sample: { app: App; site: WebSite; close(): Promise<void> };
beforeAll(async () => {
  sample = await sampleSite({ PUBLIC_URL: 'https://trends.example.org', METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
}, 30_000);
afterAll(async () => sample?.close());

describe('the sample day as a page', () => {
  it('is the whole report: title, chart, the four tables, the analysis; golden', async () => {
    const page = await sample.site.get('/reports/2026-02-11');
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    const html = page.body;
    expect(html).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    for (const id of ['today', 'week', 'month', 'communities', 'analysis']) expect(html).toContain(`id="${id}"`);
    expect(html.match(/<table class="posts sortable">/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).toMatch(/<svg class="chart" viewBox="0 0 720 360" role="img" aria-labelledby="chart-title chart-desc"/);
    expect(html).toContain('<figcaption>');
    // Under 100 kB before the chart (the SVG and its numbers table).
    const withoutChart = html.replace(/<figure class="chart"[\s\S]*?<\/figure>/, '');
    expect(Buffer.byteLength(withoutChart)).toBeLessThan(100_000);
    await expect(html).toMatchFileSnapshot('./golden/sample-day.html');
  });

  it('is also the front page (/), short-lived in caches as today; the archive lists it under its month', async () => {
    const front = await sample.site.get('/');
    expect(front.status).toBe(200);
    expect(front.body).toContain('<h1>Reddit AI Trend Report - 2026-02-11</h1>');
    expect(front.body).toContain('<a href="/reports/2026-02-11">Permanent link</a>');
    expect(front.headers['Cache-Control']).toBe('public, max-age=300');
    const archive = await sample.site.get('/reports');
    expect(archive.status).toBe(200);
    expect(archive.body).toContain('<h2>February 2026</h2>');
    expect(archive.body).toContain('<a href="/reports/2026-02-11">2026-02-11</a>');
  });

  it('carries a strict Content-Security-Policy on every answer: no inline script, no inline style', async () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    for (const path of ['/', '/reports', '/reports/2026-02-11', '/search?q=model', '/feed.xml', '/style.css', '/reports/2026-02-12', '/x']) {
      const answer = await sample.site.get(path);
      expect(answer.headers['Content-Security-Policy'], path).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
      if (answer.headers['Content-Type']!.startsWith('text/html')) {
        expect(answer.body, path).not.toMatch(/<script(?![^>]*\bsrc="\/sort\.js")/);
        expect(answer.body, path).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
      }
    }
  });

  it('shows public data only: no token, store path, channel, user, token count or cost', async () => {
    const storePath = sample.app.config.storeUrl.replace(/^sqlite:\/\//, '');
    for (const path of ['/', '/reports', '/reports/2026-02-11', '/search?q=model', '/feed.xml']) {
      const { body } = await sample.site.get(path);
      expect(body).not.toContain(storePath);
      expect(body).not.toContain('sqlite');
      expect(body).not.toContain('metrics-token');
      expect(body).not.toMatch(/\bUSD\b|input.tokens|output.tokens|cache_read|cost_usd/i);
    }
  });
});

describe('paths that are not pages', () => {
  it('a day not stored, or not in the calendar, is a 404 page saying so', async () => {
    const missing = await sample.site.get('/reports/2026-02-10');
    expect(missing.status).toBe(404);
    expect(textOf(missing.body)).toContain('No report is stored for 2026-02-10.');
    const impossible = await sample.site.get('/reports/2026-13-45');
    expect(impossible.status).toBe(404);
    expect(textOf(impossible.body)).toContain('2026-13-45 is not a day in the calendar.');
    // After the sample's day (today for it): not stored, whatever the store holds.
    expect((await sample.site.get('/reports/2026-02-12')).status).toBe(404);
    expect((await sample.site.get('/reports/latest')).status).toBe(404);
  });

  it('a malformed path is a 4xx with one plain line, never a redirect or a trace', async () => {
    for (const path of ['/reports/../etc/passwd', '/../', '/reports/2026-02-11%2F..', '/reports%2F2026-02-11', '/%2e%2e/x', '/reports/2026-02-11/../../x', '/reports\\2026-02-11', '//reports', '/reports/<script>', '/search/%00']) {
      const answer = await sample.site.get(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.headers.Location, path).toBeUndefined();
      expect(answer.body, path).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
    }
  });
});

describe('cache headers by day', () => {
  it('a past day is cached long, today and the lists briefly, a 404 not at all', async () => {
    const { site, close } = await siteOf([dayReport('2026-03-01', [{ title: 'Old news' }]), dayReport('2026-03-02', [{ title: 'Fresh news' }])], '2026-03-02');
    try {
      expect((await site.get('/reports/2026-03-01')).headers['Cache-Control']).toBe('public, max-age=86400');
      expect((await site.get('/reports/2026-03-02')).headers['Cache-Control']).toBe('public, max-age=300');
      expect((await site.get('/')).headers['Cache-Control']).toBe('public, max-age=300');
      expect((await site.get('/reports')).headers['Cache-Control']).toBe('public, max-age=300');
      expect((await site.get('/reports/2026-02-01')).headers['Cache-Control']).toBe('no-store');
      // The days link each other, newest on the front page.
      const older = (await site.get('/reports/2026-03-01')).body;
      expect(older).toContain('<a href="/reports/2026-03-02" rel="next">');
      expect((await site.get('/')).body).toContain('<a href="/reports/2026-03-01" rel="prev">');
    } finally {
      await close();
    }
  });
});
