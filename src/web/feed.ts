import type { Report } from '../models.js';
import { reportTitle } from '../reply/report.js';
import { summaryHtml } from './pages.js';

// /feed.xml: the daily reports as an Atom feed (RFC 4287), one entry a day, newest first, the day's summary
// as its content and a link to its page. Written by hand: a few elements, every text escaped for XML.
// Links are absolute with PUBLIC_URL, else relative to the feed (Atom resolves them against its address).

export const FEED_DAYS = 30;

export function atomFeed(reports: readonly Report[], { publicUrl, updated }: { publicUrl?: string; updated: string }): string {
  const base = publicUrl ?? '';
  const entries = reports.slice(0, FEED_DAYS).map((report) => {
    const link = `${base}/reports/${report.date}`;
    return `<entry>
<id>urn:ai-trends:report:${report.date}</id>
<title>${xml(reportTitle(report))}</title>
<updated>${xml(report.generatedAt)}</updated>
<published>${xml(report.generatedAt)}</published>
<link rel="alternate" type="text/html" href="${xml(link)}"/>
<content type="html">${xml(summaryHtml(report))}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:ai-trends:reports</id>
<title>Reddit AI Trend Report</title>
<subtitle>What the AI communities on Reddit talk about, every day.</subtitle>
<author><name>ai-trends</name></author>
<updated>${xml(reports[0]?.generatedAt ?? updated)}</updated>
<link rel="self" type="application/atom+xml" href="${xml(`${base}/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${xml(`${base}/`)}"/>
${entries.join('\n')}
</feed>
`;
}

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML: the markup characters escaped, and the control characters XML 1.0 forbids removed. */
function xml(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => xmlEntities[c]!);
}
