import type { ChartData } from '../analysis/chart-data.js';
import type { Report } from '../models.js';
import { escapeHtml, renderHtmlBlocks, safeHref } from '../render/html.js';
import { reportReply, reportTitle } from '../reply/report.js';
import type { ReplyBlock } from '../reply/reply.js';
import { formatCount } from '../text/count.js';
import type { DayEntry } from './archive.js';
import { chartFigure } from './chart-svg.js';
import type { SearchResults } from './search.js';
import { tokenize } from '../followup/tokenize.js';

// The pages as HTML strings, from stored data only: a day's whole report with its chart, the archive by
// month, the search results, a "not found". Nothing here reads a setting, a store path, a subscription,
// a channel, a user or what the model cost: a page holds Reddit's posts and our analysis, nothing else.

export interface PageOptions {
  /** The static export has no server to search: its pages leave the search form out. */
  search: boolean;
  /** PUBLIC_URL: pages name their address there (canonical link, link previews). */
  publicUrl?: string;
}

export function layout(title: string, body: string, { search, publicUrl }: PageOptions, description = 'A daily report of what the AI communities on Reddit talk about.', path?: string): string {
  const address = publicUrl && path ? safeHref(`${publicUrl}${path}`) : undefined;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="${escapeHtml(description)}">
<title>${escapeHtml(title)}</title>
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:type" content="article">
${address ? `<link rel="canonical" href="${address}">\n<meta property="og:url" content="${address}">\n` : ''}<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="Reddit AI Trend Report" href="/feed.xml">
<script src="/sort.js" defer></script>
</head>
<body>
<header class="site"><a class="brand" href="/">AI Trends</a>
<nav><a href="/">Today</a><a href="/reports">Archive</a><a href="/feed.xml">Feed</a></nav>
${search ? `<form class="search" action="/search" method="get" role="search"><input type="search" name="q" aria-label="Search the reports" placeholder="Search the reports" maxlength="200"><button type="submit">Search</button></form>` : ''}
</header>
<main>
${body}
</main>
<footer class="site">Posts and numbers from Reddit; analysis by the bot. <a href="/reports">Every report</a> · <a href="/feed.xml">Atom feed</a></footer>
</body>
</html>
`;
}

export interface DayNavigation {
  previous?: string;
  next?: string;
  /** The page is `/`: today's report, or the newest stored when today's is not (yet). */
  front: boolean;
  today: string;
}

/** The contents list: the report's sections as the full reply has them. */
const contents: Array<[string, string]> = [
  ['chart', 'Chart'],
  ['today', 'Today'],
  ['week', 'Week'],
  ['month', 'Month'],
  ['communities', 'Communities'],
  ['analysis', 'Analysis'],
];

export function dayPage(report: Report, chart: ChartData | null, nav: DayNavigation, options: PageOptions): string {
  const blocks = reportReply(report, { section: 'full', threads: false }).blocks;
  const [title, ...rest] = blocks;
  const footer = rest.at(-1);
  const body = rest.slice(0, -1);
  const stale = nav.front && report.date !== nav.today ? `<p class="note">Today's report (${escapeHtml(nav.today)}) is not ready yet: this is the newest stored day.</p>` : '';
  const days = `<nav class="days" aria-label="Other days">${nav.previous ? `<a href="/reports/${nav.previous}" rel="prev">← ${nav.previous}</a>` : ''}<a href="/reports">All reports</a>${nav.next ? `<a href="/reports/${nav.next}" rel="next">${nav.next} →</a>` : ''}</nav>`;
  const toc = `<nav class="toc" aria-label="Sections">${contents.filter(([id]) => id !== 'chart' || chart).filter(([id]) => id !== 'analysis' || report.analysis).map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav>`;
  const html = [
    `<h1>${escapeHtml(title && title.type === 'heading' ? title.text : reportTitle(report))}</h1>`,
    footer ? `<p class="muted">${renderHtmlBlocks([footer]).replace(/^<p>|<\/p>$/g, '')}${nav.front ? ` · <a href="/reports/${report.date}">Permanent link</a>` : ''}</p>` : '',
    stale,
    days,
    toc,
    chart ? chartFigure(chart) : '',
    renderHtmlBlocks(body),
    days,
  ].filter(Boolean);
  const top = report.sections.today[0]?.title;
  const description = `The Reddit AI Trend Report of ${report.date}: trending posts of the day, week and month, and the trend analysis.${top ? ` Top today: ${top.slice(0, 120)}` : ''}`;
  return layout(reportTitle(report), html.join('\n'), options, description, `/reports/${report.date}`);
}

export function archivePage(days: readonly DayEntry[], options: PageOptions): string {
  const months = new Map<string, DayEntry[]>();
  for (const day of days) months.set(day.date.slice(0, 7), [...(months.get(day.date.slice(0, 7)) ?? []), day]);
  const list = [...months]
    .map(([month, entries]) => {
      const name = new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
      const items = entries.map((d) => `<li><a href="/reports/${d.date}">${d.date}</a> <span class="muted">· ${formatCount(d.posts)} posts</span>${d.headline ? ` — ${escapeHtml(d.headline)}` : ''}</li>`).join('\n');
      return `<li id="m-${month}"><h2>${escapeHtml(name)}</h2>\n<ul class="days">\n${items}\n</ul></li>`;
    })
    .join('\n');
  const jump = months.size > 1 ? `<nav class="toc" aria-label="Months">${[...months.keys()].map((m) => `<a href="#m-${m}">${m}</a>`).join('')}</nav>\n` : '';
  const body = days.length === 0 ? '<p class="note">No report is stored yet. <code>ai-trends report</code> builds today\'s.</p>' : `<p class="muted">${formatCount(days.length)} ${days.length === 1 ? 'day' : 'days'}, newest first.</p>\n${jump}<ul class="months">\n${list}\n</ul>`;
  return layout('Every report - Reddit AI Trend Report', `<h1>Every report</h1>\n${body}`, options, undefined, '/reports');
}

export function searchPage(query: string, results: SearchResults | undefined, options: PageOptions): string {
  const form = `<form class="search" action="/search" method="get" role="search"><input type="search" name="q" value="${escapeHtml(query)}" aria-label="Search the reports" maxlength="200"><button type="submit">Search</button></form>`;
  if (!results) return layout('Search - Reddit AI Trend Report', `<h1>Search the reports</h1>\n${form}\n<p class="muted">Titles, communities and the analysis of every stored day.</p>`, options);
  const hits = results.hits
    .map((hit) => {
      const day = `<a href="/reports/${hit.date}${hit.kind === 'analysis' ? '#analysis' : ''}">${hit.date}</a>`;
      if (hit.kind === 'post') {
        const href = safeHref(hit.url);
        const numbers = [hit.score !== null ? `${formatCount(hit.score)} points` : '', hit.numComments !== null ? `${formatCount(hit.numComments)} comments` : ''].filter(Boolean).join(', ');
        const title = marked(hit.title, hit.matched);
        return `<li class="hit post">${href ? `<a href="${href}">${title}</a>` : title}<br><span class="muted">r/${escapeHtml(hit.subreddit)}${numbers ? ` · ${numbers}` : ''} · in the report of ${day}</span></li>`;
      }
      return `<li class="hit analysis"><strong>${marked(hit.title, hit.matched)}</strong> <span class="muted">(analysis of ${day})</span><br>${marked(snippet(hit.text, hit.matched), hit.matched)}</li>`;
    })
    .join('\n');
  const summary = `<p class="muted" id="results">${formatCount(results.total)} ${results.total === 1 ? 'result' : 'results'} for “${escapeHtml(query)}” in ${formatCount(results.days)} stored ${results.days === 1 ? 'day' : 'days'}${results.total > results.hits.length ? `, the best ${results.hits.length} shown` : ''}.</p>`;
  return layout(`${query} - Search - Reddit AI Trend Report`, `<h1>Search the reports</h1>\n${form}\n${summary}\n${hits ? `<ol class="hits">\n${hits}\n</ol>` : ''}`, options);
}

/**
 * `text` escaped, with the words the search matched marked (compared as the index saw them: stemmed,
 * lower case). Each piece is escaped on its own, so a mark never wraps markup of the data.
 */
export function marked(text: string, matched: readonly string[]): string {
  if (matched.length === 0) return escapeHtml(text);
  const terms = new Set(matched);
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((piece, i) => {
      if (i % 2 === 0) return escapeHtml(piece);
      const words = tokenize(piece);
      const family = /^(\p{L}{2,})\p{N}/u.exec(piece)?.[1];
      const hit = words.some((w) => terms.has(w)) || (family !== undefined && tokenize(family).some((w) => terms.has(w)));
      return hit ? `<mark>${escapeHtml(piece)}</mark>` : escapeHtml(piece);
    })
    .join('');
}

/** At most `max` characters of `text` around its first matched word (the start when none is found). */
export function snippet(text: string, matched: readonly string[], max = 300): string {
  if (text.length <= max) return text;
  const lower = text.toLowerCase();
  const at = Math.min(...matched.map((term) => lower.indexOf(term)).filter((i) => i >= 0), Infinity);
  const start = Number.isFinite(at) ? Math.max(0, Math.min(at - 80, text.length - max)) : 0;
  const cut = text.slice(start, start + max);
  return `${start > 0 ? '…' : ''}${cut}${start + max < text.length ? '…' : ''}`;
}

export function notFoundPage(message: string, options: PageOptions): string {
  return layout('Not found - Reddit AI Trend Report', `<h1>Not found</h1>\n<p>${escapeHtml(message)}</p>\n<p><a href="/">Today's report</a> · <a href="/reports">Every report</a></p>`, options);
}

/** A day's summary as HTML, for the feed: the top posts and highlights, without the chat's "/trends" pointers. */
export function summaryHtml(report: Report): string {
  const blocks = reportReply(report, { section: 'summary', threads: false }).blocks.slice(1);
  const web = blocks.filter((b: ReplyBlock) => !((b.type === 'paragraph' && b.spans.some((s) => s.text.includes('/trends'))) || (b.type === 'note' && b.text.includes('/trends'))));
  return renderHtmlBlocks(web);
}
