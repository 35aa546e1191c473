import type { SearchResultBlockParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { Claim, Analysis } from '../models/analysis.js';
import type { Report } from '../models.js';
import { reportBasis } from '../report/rank-basis.js';
import { NUMBERS_MISSING, standingOf, standingParts } from '../report/standing.js';
import type { PastContext, SourcePost } from './context.js';
import { formatCount } from '../text/count.js';

// The data Claude reads, as text. Posts become search results (source = the post's URL, so a citation
// leads straight back to a post we know); the report's own prose becomes a digest wrapped in a tag.
// All of it is untrusted: titles, bodies and comments are written by strangers, and the analysis was
// written by a model reading them. The system prompt says so; here we only keep the wrapping intact.

/** A comment's points, when the source gave them (the public comment feeds do not). */
const commentPoints = (score: number | null) => (score === null ? '' : ` (${formatCount(score)} ${score === 1 ? 'point' : 'points'})`);

/** Our wrapper tags, neutralised inside data so a title cannot close a block and speak as us. */
const wrapperTag = /<\s*\/?\s*(report|earlier_reports|question|thread|sources)\b[^>]*>/gi;

export function asData(text: string): string {
  return text.replace(wrapperTag, (tag) => tag.replace(/</g, '‹').replace(/>/g, '›'));
}

function postedAt(iso: string): string {
  return iso ? ` · posted ${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

export function searchResult(source: SourcePost): SearchResultBlockParam {
  const { post, details } = source;
  const facts = [
    post.title,
    // Only the numbers the source gave; without them the post's place in Reddit's top list (never "unknown points").
    [`id ${post.id}`, `r/${post.subreddit}`, ...standingParts(standingOf(post), { points: (v) => `${formatCount(v)} points`, comments: (v) => `${formatCount(v)} comments` })].join(' · ') +
      `${post.flair ? ` · flair: ${post.flair}` : ''}${postedAt(post.createdAt)}`,
    `In the ${source.reportDate} report: ${source.placements.join(', ')}`,
  ].join('\n');
  const content: TextBlockParam[] = [{ type: 'text', text: facts }];
  if (details?.selftext) content.push({ type: 'text', text: `Post text: ${details.selftext}` });
  for (const comment of details?.topComments ?? []) {
    content.push({ type: 'text', text: `Top comment by u/${comment.author}${commentPoints(comment.score)}: ${comment.body}` });
  }
  return { type: 'search_result', source: post.url, title: post.title, content, citations: { enabled: true } };
}

const ids = (postIds: string[]) => (postIds.length > 0 ? ` [posts: ${postIds.join(', ')}]` : '');
const claims = (list: Claim[]) => list.map((c) => `- ${c.text}${ids(c.postIds)}`).join('\n');

function analysisDigest(analysis: Analysis): string {
  const { highlights, weekly, monthly, deepDive, communityHighlights } = analysis.sections;
  const parts: string[] = [`Trend analysis (${analysis.source === 'offline' ? 'offline analyst' : 'written by a model'}${analysis.hasHistory ? '' : ', no earlier days to compare'}):`];
  if (highlights.length > 0) {
    parts.push(
      'Highlights:\n' +
        highlights
          .map((theme) => `* ${theme.theme}\n${theme.items.map((item) => `- ${item.name}: ${item.summary} Why it matters: ${item.whyItMatters}${ids(item.postIds)}`).join('\n')}`)
          .join('\n'),
    );
  }
  const weeklyParts = [
    weekly.persistent.length ? `Persistent:\n${claims(weekly.persistent)}` : '',
    weekly.emerging.length ? `Emerging:\n${claims(weekly.emerging)}` : '',
    weekly.fading.length ? `Fading:\n${claims(weekly.fading)}` : '',
  ].filter(Boolean);
  if (weeklyParts.length) parts.push(`Compared with the week:\n${weeklyParts.join('\n')}`);
  if (monthly.length) parts.push(`Monthly trends:\n${claims(monthly)}`);
  if (deepDive) parts.push(`Deep dive: ${deepDive.title}${ids([deepDive.postId])}\n${claims(deepDive.body)}`);
  const community = [
    ...communityHighlights.communities.map((c) => `r/${c.subreddit}:\n${claims(c.focus)}`),
    communityHighlights.crossCutting.length ? `Across communities:\n${claims(communityHighlights.crossCutting)}` : '',
    communityHighlights.niche.length ? `Niche but notable:\n${claims(communityHighlights.niche)}` : '',
  ].filter(Boolean);
  if (community.length) parts.push(`Community highlights:\n${community.join('\n')}`);
  return parts.join('\n\n');
}

function sectionIds(report: Report): string {
  const list = (label: string, posts: { id: string }[]) => `${label}: ${posts.length ? posts.map((p) => p.id).join(', ') : 'none'}`;
  return [
    list("Today's trending (past 24 hours), ranked", report.sections.today),
    list('Weekly popular, ranked', report.sections.week),
    list('Monthly popular, ranked', report.sections.month),
    ...report.sections.communities.map((c) => list(`Top of r/${c.subreddit} (past 24 hours)`, c.posts)),
  ].join('\n');
}

/** Said once in the digest of a report without numbers: the model must not fill them in. */
export const numbersMissingNote = `Numbers: ${NUMBERS_MISSING}; the posts are in Reddit's top order (each post gives its place, e.g. "#3 in Reddit's top today"). Never estimate points, upvotes or comment counts for them.`;

/**
 * The opening <report> tag: its date, and the language a view's channel chose (a BCP-47 tag, checked when it
 * was set: never free text), which the system prompt says to answer in.
 */
export function reportTag(report: Pick<Report, 'date' | 'view'>): string {
  const language = report.view?.language;
  return `<report date="${report.date}"${language && /^[A-Za-z0-9-]{2,35}$/.test(language) ? ` language="${language}"` : ''}>`;
}

/** The report in a few lines: its day, its tables by post id, and its analysis. Posts follow as search results. */
export function reportDigest(report: Report): string {
  const body = [
    `Daily Reddit AI trend report for ${report.date} (built ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC).`,
    `Sections, by post id (each post is given below as a search result):\n${sectionIds(report)}`,
    ...(reportBasis(report) === 'reddit-order' ? [numbersMissingNote] : []),
    report.analysis ? analysisDigest(report.analysis) : 'This report has no trend analysis.',
    report.warnings.length ? `Notes: ${report.warnings.join(' ')}` : '',
  ].filter(Boolean);
  return `${reportTag(report)}\n${asData(body.join('\n\n'))}\n</report>`;
}

/** Earlier reports the question looks back to: what each day led with, and which days are missing. */
export function pastDigest(past: PastContext): string {
  const lines = past.reports.map((report) => {
    const top = report.sections.today.slice(0, 5).map((p) => p.id).join(', ') || 'no posts';
    const themes = report.analysis?.sections.highlights.flatMap((t) => t.items.map((i) => i.name)).slice(0, 6) ?? [];
    return `${report.date}: top posts ${top}${themes.length ? `; highlights: ${themes.join('; ')}` : ''}`;
  });
  const missing = past.missing.length ? `\nNo stored report for: ${past.missing.join(', ')}.` : '';
  const body = lines.length ? lines.join('\n') : 'None of these days has a stored report.';
  const more = past.sources.length ? '\nTheir top posts not given above follow as search results.' : '';
  return `<earlier_reports about="${past.scope.label}">\n${asData(body + missing)}${more}\n</earlier_reports>`;
}
