import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../src/web/feed.js';
import { SearchIndex, dayDocuments } from '../../src/web/search.js';
import { archivePage, dayPage, searchPage } from '../../src/web/pages.js';
import { XMLParser } from 'fast-xml-parser';
import type { ChartData } from '../../src/analysis/chart-data.js';
import { hostileText } from '../helpers/arbitrary-reply.js';
import { dayReport } from './helpers.js';

// Whatever Reddit or a model writes, no tag or attribute of it reaches a page: titles, communities,
// flairs, the analysis, the chart's labels and the search query are hostile here (markup, quotes, event
// handlers, javascript: links, control and bidi characters), and every page keeps to the elements and
// attributes we write, with links only to our pages and to Reddit.

const tags = new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'header', 'a', 'nav', 'form', 'input', 'button', 'main', 'footer', 'h1', 'h2', 'h3', 'p', 'em', 'strong', 'figure', 'svg', 'desc', 'line', 'text', 'polyline', 'circle', 'rect', 'ul', 'li', 'span', 'figcaption', 'br', 'details', 'summary', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ol', 'code', 'mark']);
const attributes = new Set(['lang', 'charset', 'name', 'content', 'rel', 'href', 'type', 'title', 'src', 'defer', 'class', 'action', 'method', 'role', 'aria-label', 'placeholder', 'maxlength', 'value', 'id', 'viewBox', 'aria-labelledby', 'xmlns', 'x1', 'x2', 'y1', 'y2', 'x', 'y', 'text-anchor', 'transform', 'points', 'fill', 'cx', 'cy', 'r', 'width', 'height', 'aria-hidden', 'scope', 'data-type', 'data-sort', 'property']);

function checkPage(html: string): void {
  for (const tag of html.matchAll(/<\/?([A-Za-z][\w:-]*)([^>]*)>/g)) {
    expect(tags, `tag <${tag[1]}>`).toContain(tag[1]!.toLowerCase());
    // Attributes: name="value" pairs; the values hold no quote (escaped), so the split is exact.
    const rest = tag[2]!.replace(/"[^"]*"/g, '""');
    for (const attribute of rest.matchAll(/([^\s=/]+)(?:="")?/g)) expect(attributes, `attribute ${attribute[1]} in <${tag[1]}>`).toContain(attribute[1]!);
  }
  for (const href of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) expect(href[1]!).toMatch(/^(\/|#|https:\/\/trends\.example\.org\/reports\/2026-02-11$|https:\/\/www\.reddit\.com\/(comments\/[A-Za-z0-9]+|r\/[A-Za-z0-9_]+)$)/);
  expect(html).not.toMatch(/<!\[CDATA|<!--/i);
}

/** HTML's own attacks, mixed into the chat renderers' hostile words. */
const htmlAttacks = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '" onmouseover="alert(1)', "' autofocus onfocus='x", '</td></tr></table><h1>', '<svg onload=alert(1)>', 'javascript:alert(1)', '<!--', ']]>', '<![CDATA[x]]>', '&lt;script&gt;', '<a href="http://evil.example">x</a>', '<style>body{display:none}</style>', '\u0000'];
const hostile = (words: number) => fc.array(fc.oneof(hostileText(2), fc.constantFrom(...htmlAttacks)), { minLength: 1, maxLength: words }).map((parts) => parts.join(' '));

const hostileChart = (name: string, label: string): ChartData => ({
  kind: 'topic-momentum',
  unit: 'points',
  title: label,
  categories: [label, 'Feb 11'],
  xLabel: label,
  yLabel: name,
  series: [{ name, values: [1, 2], rising: true }],
  notes: [label],
  altText: `${name} ${label}`,
  window: { from: '2026-02-10T08:00:00.000Z', to: '2026-02-11T08:00:00.000Z' },
  daysStored: 2,
});

describe('hostile text never becomes markup', () => {
  it('on the day page, the archive, the search results and in the feed', () => {
    fc.assert(
      fc.property(hostile(6), hostile(3), hostile(3), hostile(12), hostile(3), (title, subreddit, flair, analysis, query) => {
        const report = dayReport('2026-02-11', [{ id: 'abc123', title, subreddit, flair }, { id: 'def456', title: analysis, subreddit: 'LocalLLaMA', flair: null }], [{ name: title, text: analysis }]);
        report.warnings = [analysis];
        const day = dayPage(report, hostileChart(subreddit, title), { front: true, today: '2026-02-11', previous: '2026-02-10' }, { search: true, publicUrl: 'https://trends.example.org' });
        checkPage(day);
        expect(day).not.toContain(title.includes('<') ? title : '\u0000never');
        const entry = { date: report.date, title: 't', headline: title, posts: 2, generatedAt: report.generatedAt, docs: dayDocuments(report) };
        checkPage(archivePage([entry], { search: true }));
        const results = new SearchIndex([dayDocuments(report)]).search(`${query} ${title}`);
        const search = searchPage(query, results, { search: true });
        checkPage(search);
        // The feed is XML whose entry content is the escaped summary: it parses, and its HTML keeps to ours.
        const feed = atomFeed([report], { updated: report.generatedAt });
        const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed);
        checkPage(String(parsed.feed.entry.content['#text'] ?? ''));
      }),
      { numRuns: 60 },
    );
  });

  it('the check itself catches a tag, an attribute or a link of the data', () => {
    expect(() => checkPage('<p><img src=x></p>')).toThrow();
    expect(() => checkPage('<p onclick="x">a</p>')).toThrow();
    expect(() => checkPage('<a href="http://evil.example">x</a>')).toThrow();
    expect(() => checkPage('<p class="note">&#60;script&#62;</p>')).not.toThrow();
  });
});
