import type { Analysis, Citation, Claim, HighlightTheme } from '../analysis/types.js';
import { heading, note, paragraph, type Inline, type ReplyBlock } from '../reply.js';
import { oneLine, truncateVisible } from '../text/visible.js';

// The report's analysis as Reply blocks. Every link comes from `citations` (filled in from the collected
// posts), never from the analysis text, so a reader only ever follows a real post with its real numbers.

const SOURCE_TITLE_MAX = 70;

export const noAnalysisText = 'No trend analysis for this report yet: the posts are shown as collected.';

/** The posts a claim rests on, as links with their community and numbers; unknown ids are dropped. */
export function sourceSpans(postIds: readonly string[], citations: Record<string, Citation>): Inline[] {
  const spans: Inline[] = [];
  for (const id of new Set(postIds)) {
    const citation = citations[id];
    if (!citation) continue;
    if (spans.length > 0) spans.push({ text: '; ' });
    spans.push({ text: truncateVisible(oneLine(citation.title), SOURCE_TITLE_MAX), url: citation.url });
    spans.push({ text: ` (r/${citation.subreddit}, ${citation.score} points, ${citation.numComments} comments)` });
  }
  return spans;
}

function claimParagraph(claim: Claim, citations: Record<string, Citation>, lead?: string): ReplyBlock {
  const sources = sourceSpans(claim.postIds, citations);
  return paragraph(...(lead ? [{ text: lead, strong: true }] : []), claim.text, ...(sources.length > 0 ? [' Sources: ', ...sources] : []));
}

/** The highlighted stories in full: each with why it matters and its sources. */
export function highlightBlocks(themes: HighlightTheme[], citations: Record<string, Citation>): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  for (const theme of themes) {
    if (theme.items.length === 0) continue;
    // Bold lines, not headings: in the analysis the themes already sit under a "highlights" heading.
    blocks.push(paragraph({ text: theme.theme, strong: true }));
    for (const item of theme.items) {
      const sources = sourceSpans(item.postIds, citations);
      blocks.push(paragraph({ text: item.name, strong: true }, `: ${item.summary}`));
      if (item.whyItMatters) blocks.push(paragraph({ text: 'Why it matters: ', emphasis: true }, item.whyItMatters));
      if (sources.length > 0) blocks.push(paragraph('Sources: ', ...sources));
    }
  }
  return blocks;
}

/**
 * The first `maxItems` highlighted stories, one paragraph each, for the summary (a morning post is read
 * at a glance; the rest is one `/trends analysis` away). `shown < total` tells the caller to say so.
 */
export function briefHighlightBlocks(themes: HighlightTheme[], citations: Record<string, Citation>, maxItems: number): { blocks: ReplyBlock[]; shown: number; total: number } {
  const blocks: ReplyBlock[] = [];
  let shown = 0;
  let total = 0;
  for (const theme of themes) {
    const items = theme.items.slice(0, Math.max(0, maxItems - shown));
    total += theme.items.length;
    if (items.length === 0) continue;
    blocks.push(heading(theme.theme, 3));
    for (const item of items) {
      const sources = sourceSpans(item.postIds, citations);
      blocks.push(paragraph({ text: item.name, strong: true }, `: ${item.summary}`, ...(sources.length > 0 ? [' Sources: ', ...sources] : [])));
    }
    shown += items.length;
  }
  return { blocks, shown, total };
}

function claimSection(title: string, claims: Claim[], citations: Record<string, Citation>): ReplyBlock[] {
  if (claims.length === 0) return [];
  return [heading(title, 3), ...claims.map((claim) => claimParagraph(claim, citations))];
}

export interface AnalysisReplyOptions {
  /** Show only this community's focus (canonical spelling); the other sections are about the whole day. */
  subreddit?: string;
}

/** The whole analysis, or a note that there is none. */
export function analysisBlocks(analysis: Analysis | null, options: AnalysisReplyOptions = {}): ReplyBlock[] {
  if (!analysis) return [heading('Trend Analysis', 2), note(noAnalysisText)];
  const { sections, citations } = analysis;
  const blocks: ReplyBlock[] = [heading('Trend Analysis', 2)];
  if (analysis.source === 'offline') blocks.push(note('Written by the offline analyst (no Claude key configured): counts and keywords, not prose.'));
  if (sections.highlights.length > 0) blocks.push(heading("Today's highlights", 3), ...highlightBlocks(sections.highlights, citations));

  const weekly = sections.weekly;
  blocks.push(
    ...claimSection('Persistent this week', weekly.persistent, citations),
    ...claimSection('Emerging this week', weekly.emerging, citations),
    ...claimSection('Fading this week', weekly.fading, citations),
    ...claimSection('This month', sections.monthly, citations),
  );

  if (sections.deepDive) {
    const dive = sections.deepDive;
    const sources = sourceSpans([dive.postId], citations);
    blocks.push(heading(`Deep dive: ${dive.title}`, 3));
    if (sources.length > 0) blocks.push(paragraph('Post: ', ...sources));
    blocks.push(...dive.body.map((claim) => claimParagraph(claim, citations)));
  }

  const wanted = options.subreddit?.toLowerCase();
  const communities = sections.communityHighlights.communities.filter((c) => !wanted || c.subreddit.toLowerCase() === wanted);
  if (communities.length > 0) {
    blocks.push(heading('Community focus', 3));
    for (const community of communities) {
      community.focus.forEach((claim, index) => blocks.push(claimParagraph(claim, citations, index === 0 ? `r/${community.subreddit}: ` : undefined)));
    }
  }
  if (!wanted) {
    blocks.push(
      ...claimSection('Across communities', sections.communityHighlights.crossCutting, citations),
      ...claimSection('Niche but notable', sections.communityHighlights.niche, citations),
    );
  }
  return blocks;
}
