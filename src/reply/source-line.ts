import type { Report, ReportSource } from '../models.js';
import { reportBasis } from '../report/rank-basis.js';

// The one-line footer every output ends a report with: where its posts came from (the rung of the source
// ladder), and what that cost (requests, wall time), so a reader can judge a report without numbers or
// one that is not today's.

/** "3 s", "4 min 12 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 > 0 ? ` ${seconds % 60} s` : ''}`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 > 0 ? ` ${minutes % 60} min` : ''}`;
}

/** The report's source; a report stored before the ladder carries none and came from the API. */
export function sourceOf(report: Report): ReportSource {
  return report.source ?? { mode: 'api', numbersMissing: reportBasis(report) === 'reddit-order' };
}

function cost(source: ReportSource): string[] {
  return [
    ...(source.requests !== undefined ? [`${source.requests} ${source.requests === 1 ? 'request' : 'requests'}`] : []),
    ...(source.elapsedMs !== undefined ? [formatDuration(source.elapsedMs)] : []),
  ];
}

const liveName = { api: 'Reddit API', feeds: 'Reddit public feeds' } as const;

/**
 * "Source: Reddit public feeds · 5 requests · 4 min 12 s", "Source: Reddit API · 7 requests · 3 s",
 * "Source: stored report of 2026-02-10 (today's could not be collected)", "Source: bundled sample day
 * (2026-02-11), not live"; then, when they apply, that the numbers are missing and what an archive added.
 */
export function sourceLine(report: Report): string {
  const source = sourceOf(report);
  const parts: string[] = [];
  switch (source.mode) {
    case 'api':
    case 'feeds':
      parts.push(`Source: ${liveName[source.mode]}`, ...cost(source));
      break;
    case 'stale': {
      const from = source.staleFrom;
      parts.push(`Source: stored report of ${from?.date ?? 'an earlier day'} (today's could not be collected)`, ...(from ? [`collected from the ${liveName[from.mode]}`] : []));
      break;
    }
    case 'sample':
      parts.push(`Source: bundled sample day (${report.date}), not live`);
      break;
  }
  if (source.numbersMissing) parts.push("no points or comment counts: posts ranked in Reddit's own top order");
  if (source.archive && source.archive.posts > 0) {
    parts.push(`numbers of ${source.archive.posts} older ${source.archive.posts === 1 ? 'post' : 'posts'} from ${source.archive.name}, as archived ~36 h after posting`);
  }
  return parts.join(' · ');
}
