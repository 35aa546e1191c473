import type { TokenUsage } from '../llm/usage.js';
import type { TopRank } from './top-rank.js';

// The "Trend Analysis" part of a report, as structure. Every item points at posts by id; titles,
// scores, comment counts and links are never taken from the model's text but filled in from the data
// (`citations`), so a renderer can always show real numbers and real links.

/** A sentence or short paragraph and the posts it rests on. */
export interface Claim {
  text: string;
  postIds: string[];
}

/** Words a commenter wrote, quoted exactly (grounding checks them against the comment). */
export interface CommentQuote {
  /** The comment's id as the analyst was given it ("1r14h9u-c2", see input.ts). */
  commentId: string;
  quote: string;
  /** The comment's score, filled in from the data by grounding (never the model's). */
  score?: number;
}

/** One highlighted story: a bold name, 2–4 sentences of specifics, why it matters, its posts. */
export interface HighlightItem {
  name: string;
  summary: string;
  whyItMatters: string;
  postIds: string[];
  /** What commenters said, in their words; absent or empty when no comment was read. */
  commenters?: CommentQuote[];
}

export interface HighlightTheme {
  theme: string;
  items: HighlightItem[];
}

export interface WeeklyComparison {
  persistent: Claim[];
  emerging: Claim[];
  fading: Claim[];
}

export interface DeepDive {
  title: string;
  postId: string;
  /** Paragraphs or bullet-like lines, in order. */
  body: Claim[];
}

export interface CommunityFocus {
  subreddit: string;
  focus: Claim[];
}

export interface CommunityHighlights {
  communities: CommunityFocus[];
  crossCutting: Claim[];
  niche: Claim[];
}

export interface AnalysisSections {
  highlights: HighlightTheme[];
  weekly: WeeklyComparison;
  monthly: Claim[];
  deepDive: DeepDive | null;
  communityHighlights: CommunityHighlights;
}

/** What a cited post looks like to a reader, always filled in from the collected data. */
export interface Citation {
  id: string;
  title: string;
  subreddit: string;
  /** Null when the source gave no numbers (the public feeds). */
  score: number | null;
  numComments: number | null;
  /** The post's places in Reddit's top lists, shown instead of missing numbers. */
  topRank?: TopRank;
  /** 'archive': the numbers were filled in later by a third-party archive (labelled so). */
  numbersFrom?: 'archive';
  url: string;
}

export type AnalysisUsage = TokenUsage;

export interface Analysis {
  sections: AnalysisSections;
  /** Every post any section cites, by id. */
  citations: Record<string, Citation>;
  /** The model that wrote it (Claude's, or the OpenAI-compatible server's), or null for the offline analyst. */
  model: string | null;
  usage: AnalysisUsage | null;
  /** Who wrote it: Claude, a model on an OpenAI-compatible server, or the offline analyst. */
  source: 'claude' | 'openai' | 'offline';
  /** The language of the prose (REPORT_LANGUAGE). */
  language: string;
  /** True when earlier stored days were compared; false means "no history yet", said in the text. */
  hasHistory: boolean;
}
