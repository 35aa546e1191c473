import type { Analysis } from './models/analysis.js';
import type { TopRank } from './models/top-rank.js';

// The plain data the whole program passes around. No markup, no platform types: renderers and
// adapters turn these into text for one target.

/** A top-level comment kept for analysis and follow-up answers. */
export interface Comment {
  author: string;
  body: string;
  /** Null when the source does not give it (the public comment feeds). */
  score: number | null;
}

/** A post's body and its best top-level comments (fetched on demand, cached in the store). */
export interface PostDetails {
  id: string;
  selftext: string;
  topComments: Comment[];
  fetchedAt: string;
}

/** One Reddit post as the report sees it. Titles are decoded plain text. */
export interface Post {
  id: string;
  title: string;
  /** Canonical display name as Reddit spells it ("LocalLLaMA"), without "r/". */
  subreddit: string;
  /**
   * Points and comment count as Reddit reported them; null when the source does not give them (the public
   * feeds carry neither). Nothing downstream may show or invent a number that is null here.
   */
  score: number | null;
  numComments: number | null;
  /**
   * 1-based position in Reddit's own top list of the day, week or month, when the source is a ranked list
   * (the public top feeds): stands in for popularity when the numbers are missing.
   */
  topRank?: TopRank;
  /** Set when `score`/`numComments` were filled by a third-party archive, not by Reddit at collection time. */
  numbersFrom?: 'archive';
  flair: string | null;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** Always https://www.reddit.com/comments/{id}. */
  url: string;
  /**
   * Where a link post points ("github.com", "arxiv.org", "v.redd.it"), or "self.<community>" for a text
   * post, as Reddit reports it. Absent when unknown (the bundled sample).
   */
  domain?: string;
  /** The link a link post points at (never shown to readers as a link: it is the author's, not ours). */
  linkUrl?: string;
  /** Filled in only for enriched posts (analysis, follow-ups). */
  selftext?: string;
  topComments?: Comment[];
}

export interface CommunityPosts {
  subreddit: string;
  posts: Post[];
}

export interface ReportSections {
  today: Post[];
  week: Post[];
  month: Post[];
  communities: CommunityPosts[];
}

export interface Report {
  /** The UTC day the report is for, YYYY-MM-DD. */
  date: string;
  /** The instant the report was built for (the injected `now`), ISO 8601 UTC. */
  generatedAt: string;
  sections: ReportSections;
  /** Filled in by the analysis step; null until then. */
  analysis: Analysis | null;
  warnings: string[];
  /** Where the posts came from. Absent on reports stored before sources had a ladder (read them as 'api'). */
  source?: ReportSource;
  /**
   * The communities the bot was set to read (REDDIT_SUBREDDITS), so the report can name those that had
   * nothing today. Absent on reports stored before, and on reports built outside the daily step.
   */
  configuredCommunities?: string[];
  /**
   * Each community's usual top-post points over the stored days before (median of their top posts), which
   * the day's pick weighs posts against (src/report/pick.ts). Absent without stored days or numbers.
   */
  usualTopPoints?: Record<string, number>;
  /** The view of the day this report is (src/report/view.ts); absent: the day's report, every community. */
  view?: ReportViewInfo;
}

/**
 * The rungs of the source ladder: Reddit's OAuth API, the public Atom feeds, the newest stored live day
 * (when today's could not be collected), the bundled sample.
 */
export type SourceMode = 'api' | 'feeds' | 'stale' | 'sample';

export interface ReportSource {
  mode: SourceMode;
  /** Requests sent to Reddit to collect the posts (absent for stale and sample). */
  requests?: number;
  /** Wall time of the collection in ms (absent for stale and sample). */
  elapsedMs?: number;
  /** 'stale': the day whose stored posts are shown instead of today's; also the mode they were collected in. */
  staleFrom?: { date: string; mode: 'api' | 'feeds' };
  /** True when points and comment counts are missing (the feeds, or a stale feeds day). */
  numbersMissing: boolean;
  /** Set when a third-party archive filled numbers of older posts (REDDIT_ARCHIVE). */
  archive?: { name: string; posts: number };
}

/** How far a collection has got, for a progress line on a terminal (a feeds report can take minutes). */
export interface CollectProgress {
  /** Requests done so far, and how many the plan expects (it can grow: a community the day feed left empty). */
  done: number;
  planned: number;
  /** Set while the source waits before its next request, with the reason (pacing, Retry-After…). */
  waitMs?: number;
  why?: string;
  /** The rung collecting (set by the source ladder), so a waiting user can be told where the posts come from. */
  rung?: 'api' | 'feeds';
}

/** Comments best first by their points; without points (the comment feeds) they keep the source's order, after any with points. */
export function byCommentScore(a: Pick<Comment, 'score'>, b: Pick<Comment, 'score'>): number {
  if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? 0 : 1) : -1;
  return b.score - a.score;
}

export function postUrl(id: string): string {
  return `https://www.reddit.com/comments/${id}`;
}

/** A community name as Reddit allows it; anything else is never put in a link. */
export function isCommunityName(name: string): boolean {
  return /^[A-Za-z0-9_]{2,21}$/.test(name);
}

export function subredditUrl(subreddit: string): string {
  return `https://www.reddit.com/r/${subreddit}`;
}

/** How often a view's post comes: every (chosen) day, or a week digest. */
export type Cadence = 'daily' | 'weekly';

/** A view of the day's one collection (src/report/view.ts): what one subscription wants to read. */
export interface ReportView {
  /** Canonical community names; absent: every configured community. */
  communities?: string[];
  /** `+agents`, `-crypto`: words to keep and to leave out, lower case. */
  topics?: string[];
  /** A BCP-47 tag the analysis is written in; absent: ANALYSIS_LANGUAGE. */
  language?: string;
  cadence?: Cadence;
}

/** What a stored report records of the view it was built for. */
export interface ReportViewInfo extends ReportView {
  key: string;
  /** Past MAX_REPORT_VIEWS: the view carries the offline analysis. */
  overCap?: boolean;
}
