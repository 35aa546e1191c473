import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { dayReport, sampleSite, siteOf } from './helpers.js';

// /feed.xml is Atom: one entry a day (newest first), the day's summary as HTML content, a link to its page
// (absolute with PUBLIC_URL).

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);

describe('the Atom feed', () => {
  it('has one entry a stored day, newest first, each linking its page', async () => {
    const opened = await siteOf(['2026-03-01', '2026-03-02', '2026-03-04'].map((d) => dayReport(d, [{ title: `News of ${d}` }], [{ name: `Story of ${d}`, text: 'Text.' }])), '2026-03-04');
    close = opened.close;
    const answer = await opened.site.get('/feed.xml');
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe('application/atom+xml; charset=utf-8');
    const { feed } = parse(answer.body);
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(feed.title).toBe('Reddit AI Trend Report');
    expect(feed.updated).toBe('2026-03-04T08:00:00.000Z');
    const entries = feed.entry as Array<Record<string, any>>;
    expect(entries.map((e) => e.id)).toEqual(['urn:ai-trends:report:2026-03-04', 'urn:ai-trends:report:2026-03-02', 'urn:ai-trends:report:2026-03-01']);
    expect(entries.map((e) => e.link.href)).toEqual(['/reports/2026-03-04', '/reports/2026-03-02', '/reports/2026-03-01']);
    expect(entries[0]!.title).toBe('Reddit AI Trend Report - 2026-03-04');
    expect(entries[0]!.content.type).toBe('html');
    expect(entries[0]!.content['#text']).toContain('News of 2026-03-04');
    expect(entries[0]!.content['#text']).not.toContain('/trends');
  });

  it('links the sample day absolutely with PUBLIC_URL', async () => {
    const sample = await sampleSite({ PUBLIC_URL: 'https://trends.example.org/' });
    close = sample.close;
    const { feed } = parse((await sample.site.get('/feed.xml')).body);
    expect(feed.entry.link.href).toBe('https://trends.example.org/reports/2026-02-11');
    expect(feed.link.map((l: { href: string }) => l.href)).toEqual(['https://trends.example.org/feed.xml', 'https://trends.example.org/']);
    expect(feed.entry.content['#text']).toContain("Today&#39;s top 5");
  });
});
