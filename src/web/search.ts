import { reportPosts } from '../analysis/report-posts.js';
import { Bm25Index, type Bm25Document } from '../followup/bm25.js';
import type { Claim } from '../models/analysis.js';
import type { Post, Report } from '../models.js';

// Search over the stored days: every post a report listed (its title, community and flair) and every
// sentence of the analysis (a highlight's name and text, the week's and month's claims, the deep dive,
// each community's focus), ranked by BM25 (src/followup/bm25.ts, the follow-up answers' retrieval) with
// a title counting three times its text. A post appears in many days' lists (the week's, the month's):
// it is one hit, on the first day a report listed it. Equal scores: the newer day first.

export interface PostHit {
  kind: 'post';
  date: string;
  title: string;
  subreddit: string;
  url: string;
  score: number | null;
  numComments: number | null;
}

export interface AnalysisHit {
  kind: 'analysis';
  date: string;
  /** The highlight's name, or the part of the analysis ("This week", "Deep dive"…). */
  title: string;
  text: string;
}

export type SearchHit = (PostHit | AnalysisHit) & { rank: number; matched: string[] };

export interface SearchResults {
  hits: SearchHit[];
  /** Hits before the limit. */
  total: number;
  days: number;
}

export interface DayDocuments {
  date: string;
  posts: Post[];
  analysis: Array<{ title: string; text: string; name?: string }>;
}

export const QUERY_MAX = 200;

export function dayDocuments(report: Report): DayDocuments {
  const posts = reportPosts(report);
  const analysis: DayDocuments['analysis'] = [];
  const sections = report.analysis?.sections;
  if (sections) {
    const claims = (title: string, list: readonly Claim[]) => list.forEach((c) => analysis.push({ title, text: c.text }));
    for (const theme of sections.highlights) for (const item of theme.items) analysis.push({ title: item.name, name: item.name, text: `${item.summary} ${item.whyItMatters}` });
    claims('This week: persistent', sections.weekly.persistent);
    claims('This week: emerging', sections.weekly.emerging);
    claims('This week: fading', sections.weekly.fading);
    claims('This month', sections.monthly);
    if (sections.deepDive) claims(`Deep dive: ${sections.deepDive.title}`, sections.deepDive.body);
    for (const focus of sections.communityHighlights.communities) claims(`r/${focus.subreddit}`, focus.focus);
    claims('Across communities', sections.communityHighlights.crossCutting);
    claims('Niche', sections.communityHighlights.niche);
  }
  return { date: report.date, posts: posts.map(slim), analysis };
}

/** A post as the search keeps it: no body, no comments. */
function slim(post: Post): Post {
  const { selftext: _selftext, topComments: _comments, ...rest } = post;
  return rest;
}

type Target = PostHit | AnalysisHit;

/**
 * The family names inside model names, so "Qwen" finds "Qwen3" and "GPT" finds "GPT5" (the tokenizer keeps
 * letters with digits as one word, which the follow-ups need). Only the words that had a digit joined.
 */
function nameParts(text: string): string {
  return [...text.matchAll(/(\p{L}{2,})\p{N}[\p{L}\p{N}]*/gu)].map((m) => m[1]).join(' ');
}

export class SearchIndex {
  private readonly bm25: Bm25Index;
  private readonly targets = new Map<string, Target>();
  private readonly days: number;

  constructor(days: readonly DayDocuments[]) {
    this.days = days.length;
    const docs: Bm25Document[] = [];
    // Oldest first: a post is indexed on the first day that listed it.
    const ordered = [...days].sort((a, b) => a.date.localeCompare(b.date));
    for (const day of ordered) {
      for (const post of day.posts) {
        const id = `p:${post.id}`;
        if (this.targets.has(id)) continue;
        this.targets.set(id, { kind: 'post', date: day.date, title: post.title, subreddit: post.subreddit, url: post.url, score: post.score, numComments: post.numComments });
        docs.push({ id, fields: [{ text: post.title, weight: 3 }, { text: nameParts(post.title), weight: 2 }, { text: `${post.subreddit} r/${post.subreddit}`, weight: 2 }, { text: post.flair ?? '', weight: 1 }] });
      }
      day.analysis.forEach((item, n) => {
        const id = `a:${day.date}:${n}`;
        this.targets.set(id, { kind: 'analysis', date: day.date, title: item.title, text: item.text });
        docs.push({ id, fields: [{ text: item.name ?? '', weight: 3 }, { text: nameParts(item.name ?? ''), weight: 2 }, { text: item.text, weight: 1 }, { text: nameParts(item.text), weight: 1 }] });
      });
    }
    this.bm25 = new Bm25Index(docs);
  }

  search(query: string, limit = 50): SearchResults {
    const hits = this.bm25
      .search(query.slice(0, QUERY_MAX))
      .map((hit) => ({ ...this.targets.get(hit.id)!, rank: hit.score, matched: hit.matched }))
      .sort((a, b) => b.rank - a.rank || b.date.localeCompare(a.date));
    return { hits: hits.slice(0, limit), total: hits.length, days: this.days };
  }
}
