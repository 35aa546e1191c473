import type { Analysis, Citation, Claim, HighlightItem, HighlightTheme } from '../models/analysis.js';
import { heading, note, paragraph, type Inline, type ReplyBlock } from './reply.js';
import { standingOf, standingParts } from '../report/standing.js';
import { oneLine, truncateVisible } from '../text/visible.js';
import { formatCount } from '../text/count.js';

// The report's analysis as Reply blocks. Every link comes from `citations` (filled in from the collected
// posts), never from the analysis text, so a reader only ever follows a real post with its real numbers.

const SOURCE_TITLE_MAX = 70;
const NAME_MAX = 100;

export const noAnalysisText = 'No trend analysis for this report yet: the posts are shown as collected.';

/**
 * A post as a reader finds it: its title linked, then its community and what is known of its standing
 * (its numbers; without them its place in Reddit's top list), as the post lists write them.
 */
function referenceSpans(citation: Citation, title = citation.title, max = SOURCE_TITLE_MAX): Inline[] {
  const standing = standingParts(standingOf(citation), { points: (n) => `${n} points`, comments: (n) => `${n} comments` });
  return [{ text: truncateVisible(oneLine(title), max), url: citation.url }, { text: ` (${[`r/${citation.subreddit}`, ...standing].join(', ')})` }];
}

/**
 * Numbered references: a claim cites its posts as "[1, 4]", and each post's title, numbers and link are
 * shown once, under the section that first cites it (or as the highlight it is the subject of). Saying
 * a post's title after every sentence that rests on it made the analysis twice as long as its content.
 */
export class References {
  private readonly numbers = new Map<string, number>();
  private readonly shown = new Set<string>();
  private pending: string[] = [];

  constructor(private readonly citations: Record<string, Citation>) {}

  /** The known posts of `postIds`, each numbered on first sight. */
  private known(postIds: readonly string[]): string[] {
    const ids = [...new Set(postIds)].filter((id) => this.citations[id]);
    for (const id of ids) if (!this.numbers.has(id)) this.numbers.set(id, this.numbers.size + 1);
    return ids;
  }

  /** The posts of `postIds` that the citations know (an id the analysis invented has no reference). */
  cited(postIds: readonly string[]): string[] {
    return [...new Set(postIds)].filter((id) => this.citations[id]);
  }

  /** " [1, 4]" for the posts, queued to be listed at the end of the section; '' when none is known. */
  mark(postIds: readonly string[]): string {
    const ids = this.known(postIds);
    for (const id of ids) if (!this.shown.has(id) && !this.pending.includes(id)) this.pending.push(id);
    const marks = ids.map((id) => this.numbers.get(id)!).sort((a, b) => a - b);
    return marks.length > 0 ? ` [${marks.join(', ')}]` : '';
  }

  /** A post shown in full right here (a highlight's name, the deep dive's post): "[3] Name (r/x, …)". */
  inline(postId: string, name?: string, strong = false): Inline[] {
    const [id] = this.known([postId]);
    if (!id) return name ? [{ text: name, strong }] : [];
    this.shown.add(id);
    this.pending = this.pending.filter((p) => p !== id);
    // A highlight's name is the item's heading: cut like a name, not like a reference.
    const [link, numbers] = referenceSpans(this.citations[id]!, name, name ? NAME_MAX : SOURCE_TITLE_MAX);
    return [{ text: `[${this.numbers.get(id)}] ` }, { ...link!, strong }, numbers!];
  }

  /** Whether the post's title, numbers and link were shown already in this view. */
  isShown(postId: string): boolean {
    return this.shown.has(postId);
  }

  /** The section's reference list: the posts it cited that were not shown before, in number order. */
  flush(): ReplyBlock[] {
    const ids = [...this.pending].sort((a, b) => this.numbers.get(a)! - this.numbers.get(b)!);
    this.pending = [];
    for (const id of ids) this.shown.add(id);
    return ids.map((id) => paragraph({ text: `[${this.numbers.get(id)}] ` }, ...referenceSpans(this.citations[id]!)));
  }
}

function claimParagraph(claim: Claim, refs: References, lead?: string): ReplyBlock {
  return paragraph(...(lead ? [{ text: lead, strong: true }] : []), `${claim.text}${refs.mark(claim.postIds)}`);
}

/**
 * A highlight in one paragraph. A story of one post is named by that post, linked with its numbers; a
 * story of several posts is named by its topic and cites them by number.
 */
function itemBlock(item: HighlightItem, refs: References): ReplyBlock {
  const ids = refs.cited(item.postIds);
  // A nameless item (its name was only a link) is its summary, citing its posts at the end.
  if (!item.name) return paragraph(`${item.summary}${refs.mark(ids)}`, ...(item.whyItMatters ? [' ', { text: 'Why it matters:', emphasis: true }, ` ${item.whyItMatters}`] : []));
  const spans: Array<Inline | string> = ids.length === 1 ? refs.inline(ids[0]!, item.name, true) : [{ text: item.name, strong: true }, refs.mark(ids)];
  if (item.summary) spans.push(`: ${item.summary}`);
  if (item.whyItMatters) spans.push(' ', { text: 'Why it matters:', emphasis: true }, ` ${item.whyItMatters}`);
  return paragraph(...spans);
}

/** Commenters in their own words (checked against the comment by grounding), with the comment's score. */
function commenterBlocks(item: HighlightItem): ReplyBlock[] {
  const quotes = (item.commenters ?? []).map((q) => `“${q.quote}”${q.score !== undefined ? ` (${formatCount(q.score)} points)` : ''}`);
  return quotes.length > 0 ? [paragraph({ text: 'Commenters: ', emphasis: true }, quotes.join('; '))] : [];
}

/** The highlighted stories in full, with the references they cite. */
function highlightBlocks(themes: HighlightTheme[], citations: Record<string, Citation>, refs = new References(citations)): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  for (const theme of themes) {
    if (theme.items.length === 0) continue;
    // Bold lines, not headings: in the analysis the themes already sit under a "highlights" heading.
    blocks.push(paragraph({ text: theme.theme, strong: true }));
    // A story of several posts lists them right under it, where the reader looks for them.
    for (const item of theme.items) blocks.push(itemBlock(item, refs), ...commenterBlocks(item), ...refs.flush());
  }
  return blocks;
}

/**
 * The first `maxItems` highlighted stories, one paragraph each, for the summary (a morning post is read
 * at a glance; the rest is one `/trends analysis` away). Stories whose posts are all in `skip` (the top
 * posts the summary already lists) are left out. `shown < total` tells the caller to say so.
 */
export function briefHighlightBlocks(
  themes: HighlightTheme[],
  citations: Record<string, Citation>,
  maxItems: number,
  skip: readonly string[] = [],
): { blocks: ReplyBlock[]; shown: number; total: number } {
  const refs = new References(citations);
  const blocks: ReplyBlock[] = [];
  let shown = 0;
  let total = 0;
  for (const theme of themes) {
    const fresh = theme.items.filter((item) => !refs.cited(item.postIds).every((id) => skip.includes(id)));
    const items = fresh.slice(0, Math.max(0, maxItems - shown));
    total += fresh.length;
    if (items.length === 0) continue;
    blocks.push(heading(theme.theme, 3));
    for (const item of items) {
      // Posts of the top list above are pointed at by their place there, not listed a second time.
      const listed = item.postIds.filter((id) => skip.includes(id));
      const rest = { ...item, postIds: item.postIds.filter((id) => !skip.includes(id)) };
      const above = listed.length > 0 ? ` (also #${listed.map((id) => skip.indexOf(id) + 1).join(', #')} above)` : '';
      blocks.push(itemBlock({ ...rest, name: rest.postIds.length === 1 && listed.length > 0 ? `${item.name}${above}` : item.name, summary: rest.postIds.length !== 1 ? item.summary.replace(/([.!?]?)$/, `${above}$1`) : item.summary }, refs), ...refs.flush());
    }
    shown += items.length;
  }
  return { blocks, shown, total };
}

/** Claims citing their posts by number, each as a paragraph led by `lead` (bold) when given. */
function claimParagraphs(claims: Claim[], refs: References, lead?: string): ReplyBlock[] {
  return claims.map((claim, index) => claimParagraph(claim, refs, index === 0 ? lead : undefined));
}

export interface AnalysisReplyOptions {
  /** Show only this community's focus (canonical spelling); the other sections are about the whole day. */
  subreddit?: string;
  /** The report has no points or comment counts (the public feeds): said where the analysis says what it read. */
  numbersMissing?: boolean;
}

const offlineAnalysisNote = (numbers: boolean) =>
  `Automatic summary in English: built without a language model from the posts, ${numbers ? 'their numbers' : "their places in Reddit's top lists"} and comments.`;

/**
 * The whole analysis in the reference's five sections, or a note that there is none. Every renderer
 * (Markdown, Discord, Slack, the terminal) shows this one layout; an empty section says why it is empty.
 */
export function analysisBlocks(analysis: Analysis | null, options: AnalysisReplyOptions = {}): ReplyBlock[] {
  if (!analysis) return [heading('Trend Analysis', 2), note(noAnalysisText)];
  const { sections, citations } = analysis;
  const refs = new References(citations);
  const blocks: ReplyBlock[] = [heading('Trend Analysis', 2)];
  if (analysis.source === 'offline') blocks.push(note(offlineAnalysisNote(!options.numbersMissing)));

  blocks.push(heading("1. Today's Highlights", 3));
  const highlights = highlightBlocks(sections.highlights, citations, refs);
  blocks.push(...(highlights.length > 0 ? highlights : [note('No highlight could be tied to a post today.')]));

  blocks.push(heading('2. Weekly Trend Comparison', 3));
  const { persistent, emerging, fading } = sections.weekly;
  const weekly = [
    ...claimParagraphs(persistent, refs, 'Persistent: '),
    ...claimParagraphs(emerging, refs, 'Newly emerging: '),
    ...claimParagraphs(fading, refs, 'Fading: '),
    ...refs.flush(),
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
  blocks.push(...(sections.monthly.length > 0 ? [...claimParagraphs(sections.monthly, refs), ...refs.flush()] : [note('Not enough posts this month to describe a shift.')]));

  const dive = sections.deepDive;
  if (dive) {
    blocks.push(heading(dive.title ? `4. Technical Deep Dive: ${dive.title}` : '4. Technical Deep Dive', 3));
    // The deep dive's post is shown once: here, or by its number when a highlight showed it already.
    const shownBefore = refs.isShown(dive.postId);
    const post = shownBefore ? [] : refs.inline(dive.postId);
    if (post.length > 0) blocks.push(paragraph('Post: ', ...post));
    // Its own number need not follow every sentence: it is the subject of them all.
    const body = dive.body.map((claim, i) => ({ ...claim, postIds: claim.postIds.filter((id) => id !== dive.postId || (shownBefore && i === 0)) }));
    blocks.push(...body.map((claim) => claimParagraph(claim, refs)), ...refs.flush());
  } else {
    blocks.push(heading('4. Technical Deep Dive', 3), note('No post of the day stood out technically.'));
  }

  blocks.push(heading('5. Community Highlights', 3));
  const wanted = options.subreddit?.toLowerCase();
  const communities = sections.communityHighlights.communities.filter((c) => !wanted || c.subreddit.toLowerCase() === wanted);
  for (const community of communities) blocks.push(...claimParagraphs(community.focus, refs, `r/${community.subreddit}: `));
  if (!wanted) {
    blocks.push(
      ...claimParagraphs(sections.communityHighlights.crossCutting, refs, 'Across communities: '),
      ...claimParagraphs(sections.communityHighlights.niche, refs, 'Niche but notable: '),
    );
  }
  if (blocks.at(-1)?.type === 'heading') blocks.push(note(wanted ? `Nothing in the analysis is about r/${options.subreddit}.` : 'No community stood out today.'));
  blocks.push(...refs.flush());
  return blocks;
}
