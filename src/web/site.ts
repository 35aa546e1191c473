import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../health/http.js';
import type { Logger } from '../log.js';
import type { Report } from '../models.js';
import { checkDay } from '../time/day.js';
import type { ReportArchive } from './archive.js';
import { faviconSvg, sortJs, styleCss } from './assets.js';
import { atomFeed, FEED_DAYS } from './feed.js';
import { archivePage, dayPage, notFoundPage, searchPage, type PageOptions } from './pages.js';
import { QUERY_MAX } from './search.js';

// The door of the web pages: a path in, a page out, for the HTTP server (GET/HEAD) and for the static
// export alike. Its rules, once: only the paths below exist; a malformed path ("..", an encoded slash, a
// backslash, anything but plain characters) is a 400 and an unknown one a 404, never a redirect; every
// answer carries a strict Content-Security-Policy and a Cache-Control by day (a past day's page long,
// today's and the lists short); a failure is a 500 with one line, its cause in the log only.

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** No inline script or style: /style.css and /sort.js are the page's only resources besides its SVG. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const LONG = 'public, max-age=86400';
const SHORT = 'public, max-age=300';

export interface WebSiteOptions {
  publicUrl?: string;
  log?: Logger;
  /** The static export: no search form (there is no server to ask). */
  static?: boolean;
}

export class WebSite {
  private readonly pages: PageOptions;

  constructor(
    private readonly archive: ReportArchive,
    private readonly options: WebSiteOptions = {},
  ) {
    this.pages = { search: !options.static, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) };
  }

  /** The answer to GET `rawUrl` (as the request line has it, not yet normalised). */
  async get(rawUrl: string): Promise<WebResponse> {
    const [rawPath = '/', rawQuery = ''] = rawUrl.split('?', 2);
    if (!/^\/[A-Za-z0-9._\-/]*$/.test(rawPath) || /(^|\/)\.\.?(\/|$)/.test(rawPath) || rawPath.includes('//')) {
      return this.text(400, 'Bad request: that is not a path of this site.');
    }
    const path = rawPath.length > 1 ? rawPath.replace(/\/$/, '') : rawPath;
    try {
      switch (path) {
        case '/':
          return await this.front();
        case '/reports':
          return this.html(200, archivePage(await this.archive.days(), this.pages), SHORT);
        case '/search':
          return await this.search(new URLSearchParams(rawQuery).get('q') ?? '');
        case '/feed.xml':
          return await this.feed();
        case '/style.css':
          return { status: 200, headers: this.headers('text/css; charset=utf-8', LONG), body: styleCss };
        case '/sort.js':
          return { status: 200, headers: this.headers('text/javascript; charset=utf-8', LONG), body: sortJs };
        case '/favicon.svg':
          return { status: 200, headers: this.headers('image/svg+xml', LONG), body: faviconSvg };
      }
      const day = /^\/reports\/([^/]+?)(\.html)?$/.exec(path);
      if (day) return await this.day(day[1]!);
      return this.notFound('There is no page here.');
    } catch (error) {
      this.options.log?.error({ path, err: error instanceof Error ? error.message : String(error) }, 'web: a page failed');
      return this.text(500, 'The page could not be made; try again later.');
    }
  }

  private async front(): Promise<WebResponse> {
    const days = await this.archive.days();
    const newest = days[0];
    const report = newest ? await this.archive.report(newest.date) : undefined;
    if (!report) return this.html(200, archivePage([], this.pages), SHORT);
    return this.dayResponse(report, days.map((d) => d.date), true);
  }

  private async day(value: string): Promise<WebResponse> {
    const check = checkDay(value);
    if (!check.ok) return this.notFound(check.reason === 'format' ? 'A report page is /reports/YYYY-MM-DD.' : `${value} is not a day in the calendar.`);
    const report = await this.archive.report(check.day);
    if (!report) return this.notFound(`No report is stored for ${check.day}.`);
    const dates = (await this.archive.days()).map((d) => d.date);
    return this.dayResponse(report, dates, false);
  }

  private async dayResponse(report: Report, dates: readonly string[], front: boolean): Promise<WebResponse> {
    const today = this.archive.todayDate();
    const at = dates.indexOf(report.date);
    const chart = await this.archive.chart(report).catch((error: unknown) => {
      this.options.log?.warn({ reportDate: report.date, err: String(error) }, 'web: the chart data could not be read; the page goes without it');
      return null;
    });
    const html = dayPage(report, chart, { previous: at >= 0 ? dates[at + 1] : undefined, next: at > 0 ? dates[at - 1] : undefined, front, today }, this.pages);
    return this.html(200, html, !front && report.date < today ? LONG : SHORT);
  }

  private async search(query: string): Promise<WebResponse> {
    const q = query.trim().slice(0, QUERY_MAX);
    if (!q) return this.html(200, searchPage('', undefined, this.pages), SHORT);
    return this.html(200, searchPage(q, await this.archive.search(q), this.pages), SHORT);
  }

  private async feed(): Promise<WebResponse> {
    const days = (await this.archive.days()).slice(0, FEED_DAYS);
    const reports = (await Promise.all(days.map((d) => this.archive.report(d.date)))).filter((r): r is Report => Boolean(r));
    const body = atomFeed(reports, { publicUrl: this.options.publicUrl, updated: `${this.archive.todayDate()}T00:00:00.000Z` });
    return { status: 200, headers: this.headers('application/atom+xml; charset=utf-8', SHORT), body };
  }

  /** The stored days' dates, newest first (the static export writes a page for each). */
  async storedDays(): Promise<string[]> {
    return (await this.archive.days()).map((d) => d.date);
  }

  notFound(message: string): WebResponse {
    return { status: 404, headers: this.headers('text/html; charset=utf-8', 'no-store'), body: notFoundPage(message, this.pages) };
  }

  private html(status: number, body: string, cache: string): WebResponse {
    return { status, headers: this.headers('text/html; charset=utf-8', cache), body };
  }

  private text(status: number, body: string): WebResponse {
    return { status, headers: this.headers('text/plain; charset=utf-8', 'no-store'), body: `${body}\n` };
  }

  private headers(contentType: string, cache: string): Record<string, string> {
    return {
      'Content-Type': contentType,
      'Cache-Control': cache,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
  }
}

/** The paths the pages answer, as routes of the health server (`:date` one segment, see http.ts). */
export const WEB_PATHS = ['/', '/reports', '/reports/', '/reports/:date', '/search', '/feed.xml', '/style.css', '/sort.js', '/favicon.svg'] as const;

/** The pages as routes for the one HTTP server (ours, or the Slack app's). */
export function webRoutes(site: WebSite): Route[] {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void site.get(req.url ?? '/').then((answer) => {
      res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  };
  return WEB_PATHS.map((path) => ({ path, method: 'GET', handler }));
}
