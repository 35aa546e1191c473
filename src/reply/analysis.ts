import type { Analysis, Citation, Claim, HighlightItem, HighlightTheme } from '../analysis/types.js';
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

/** "**Name**: summary", or either alone when the other was nothing but a link (grounding drops an item with neither). */
function itemSpans(item: HighlightItem): Array<Inline | string> {
  if (!item.name) return [item.summary];
  return [{ text: item.name, strong: true }, ...(item.summary ? [`: ${item.summary}`] : [])];
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
      blocks.push(paragraph(...itemSpans(item)));
      // Commenters in their own words (checked against the comment by grounding), with the comment's score.
      const quotes = (item.commenters ?? []).map((q) => `“${q.quote}”${q.score !== undefined ? ` (${q.score} points)` : ''}`);
      if (quotes.length > 0) blocks.push(paragraph({ text: 'Commenters: ', emphasis: true }, quotes.join('; ')));
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
      blocks.push(paragraph(...itemSpans(item), ...(sources.length > 0 ? [' Sources: ', ...sources] : [])));
    }
    shown += items.length;
  }
  return { blocks, shown, total };
}

/** Claims with their sources, each as a paragraph led by `lead` (bold) when given. */
function claimParagraphs(claims: Claim[], citations: Record<string, Citation>, lead?: string): ReplyBlock[] {
  return claims.map((claim, index) => claimParagraph(claim, citations, index === 0 ? lead : undefined));
}

export interface AnalysisReplyOptions {
  /** Show only this community's focus (canonical spelling); the other sections are about the whole day. */
  subreddit?: string;
}

export const offlineAnalysisNote = 'Automatic summary: built without a language model from the posts, their numbers and comments.';

/**
 * The whole analysis in the reference's five sections, or a note that there is none. Every renderer
 * (Markdown, Discord, Slack, the terminal) shows this one layout; an empty section says why it is empty.
 */
export function analysisBlocks(analysis: Analysis | null, options: AnalysisReplyOptions = {}): ReplyBlock[] {
  if (!analysis) return [heading('Trend Analysis', 2), note(noAnalysisText)];
  const { sections, citations } = analysis;
  const blocks: ReplyBlock[] = [heading('Trend Analysis', 2)];
  if (analysis.source === 'offline') blocks.push(note(offlineAnalysisNote));

  blocks.push(heading("1. Today's Highlights", 3));
  const highlights = highlightBlocks(sections.highlights, citations);
  blocks.push(...(highlights.length > 0 ? highlights : [note('No highlight could be tied to a post today.')]));

  blocks.push(heading('2. Weekly Trend Comparison', 3));
  const { persistent, emerging, fading } = sections.weekly;
  const weekly = [
    ...claimParagraphs(persistent, citations, 'Persistent: '),
    ...claimParagraphs(emerging, citations, 'Newly emerging: '),
    ...claimParagraphs(fading, citations, 'Fading: '),
  ];
  // Which basis the comparison used, said once: readers of a fresh install see why there are no movers.
  blocks.push(
    note(
      analysis.hasHistory
        ? "Compared with the stored reports of earlier days and with this week's top posts."
        : "Compared with this week's top posts in this report; no earlier daily reports are stored yet, so day-by-day movers start with the next report.",
    ),
  );
  blocks.push(...(weekly.length > 0 ? weekly : [note("Nothing in today's posts stands out against the week's.")]));

  blocks.push(heading('3. Monthly Technology Evolution', 3));
  blocks.push(...(sections.monthly.length > 0 ? claimParagraphs(sections.monthly, citations) : [note('Not enough posts this month to describe a shift.')]));

  const dive = sections.deepDive;
  if (dive) {
    const sources = sourceSpans([dive.postId], citations);
    blocks.push(heading(dive.title ? `4. Technical Deep Dive: ${dive.title}` : '4. Technical Deep Dive', 3));
    if (sources.length > 0) blocks.push(paragraph('Post: ', ...sources));
    blocks.push(...claimParagraphs(dive.body, citations));
  } else {
    blocks.push(heading('4. Technical Deep Dive', 3), note('No post of the day stood out technically.'));
  }

  blocks.push(heading('5. Community Highlights', 3));
  const wanted = options.subreddit?.toLowerCase();
  const communities = sections.communityHighlights.communities.filter((c) => !wanted || c.subreddit.toLowerCase() === wanted);
  for (const community of communities) blocks.push(...claimParagraphs(community.focus, citations, `r/${community.subreddit}: `));
  if (!wanted) {
    blocks.push(
      ...claimParagraphs(sections.communityHighlights.crossCutting, citations, 'Across communities: '),
      ...claimParagraphs(sections.communityHighlights.niche, citations, 'Niche but notable: '),
    );
  }
  if (blocks.at(-1)?.type === 'heading') blocks.push(note(wanted ? `Nothing in the analysis is about r/${options.subreddit}.` : 'No community stood out today.'));
  return blocks;
}
