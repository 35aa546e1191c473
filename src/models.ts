import type { Analysis } from './analysis/types.js';

// The plain data the whole program passes around. No markup, no platform types: renderers and
// adapters turn these into text for one target.

/** A top-level comment kept for analysis and follow-up answers. */
export interface Comment {
  author: string;
  body: string;
  score: number;
}

/** One Reddit post as the report sees it. Titles are decoded plain text. */
export interface Post {
  id: string;
  title: string;
  /** Canonical display name as Reddit spells it ("LocalLLaMA"), without "r/". */
  subreddit: string;
  score: number;
  numComments: number;
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
