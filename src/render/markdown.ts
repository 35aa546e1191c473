import { subredditUrl, type Post, type Report } from '../models.js';
import { oneLine } from '../text/visible.js';
import { renderMarkdownAnalysis } from './markdown-analysis.js';
import { cellText, escapeMarkdown, TITLE_MAX } from './markdown-escape.js';

// The canonical rendering: the sections, columns and order of the reference report, without its bugs
// (escaped quotes, &nbsp;, broken rows, local times called UTC).

export function renderMarkdownReport(report: Report): string {
  const { today, week, month, communities } = report.sections;
  const parts = [
    `# Reddit AI Trend Report - ${report.date}`,
    `## Today's Trending Posts\n\n${postTable(today, { rank: false, community: true })}`,
    `## Weekly Popular Posts\n\n${postTable(week, { rank: true, community: true })}`,
    `## Monthly Popular Posts\n\n${postTable(month, { rank: true, community: true })}`,
    `## Top Posts by Community (Past 24 Hours)\n\n${communitySection(report)}`,
  ];
  const analysis = renderMarkdownAnalysis(report);
  if (analysis) parts.push(analysis);
  if (report.warnings.length > 0) parts.push(`## Notes\n\n${report.warnings.map((w) => `- ${escapeMarkdown(oneLine(w))}`).join('\n')}`);
  return parts.join('\n\n') + '\n';
}

function communitySection(report: Report): string {
  if (report.sections.communities.length === 0) return '_No community had a post with more than 10 comments in the past 24 hours._';
  return report.sections.communities
    .map(({ subreddit, posts }) => `### r/${escapeMarkdown(subreddit)}\n\n${postTable(posts, { rank: false, community: false })}`)
    .join('\n\n');
}

interface Columns {
  rank: boolean;
  community: boolean;
}

function postTable(posts: Post[], columns: Columns): string {
  if (posts.length === 0) return '_No posts in this window._';
  const headers = [...(columns.rank ? ['#'] : []), 'Title', ...(columns.community ? ['Community'] : []), 'Score', 'Comments', 'Category', 'Posted'];
  const rows = posts.map((post, index) => [
    ...(columns.rank ? [String(index + 1)] : []),
    `[${cellText(post.title, TITLE_MAX)}](${post.url})`,
    ...(columns.community ? [`[r/${escapeMarkdown(post.subreddit)}](${subredditUrl(post.subreddit)})`] : []),
    String(post.score),
    String(post.numComments),
    post.flair ? cellText(post.flair) : '',
    formatUtc(post.createdAt),
  ]);
  return [row(headers), row(headers.map((h) => '-'.repeat(Math.max(3, h.length)))), ...rows.map(row)].join('\n');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** `2026-02-27 05:01 UTC`, always in UTC whatever the machine's zone. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}
