import { viewMatcher, viewReportKey } from '../report/view.js';
import type { Logger } from '../log.js';
import type { Post, Report, PostDetails } from '../models.js';
import type { PostDetailsSource } from '../reddit/post-details.js';
import type { Store } from '../store/store.js';
import { Bm25Index } from './bm25.js';
import { pastScope, type PastScope } from './time-scope.js';

// What an answer may draw on: the thread's report and its posts (with bodies and top comments for the
// ones that matter most), and earlier stored reports when the question looks back in time.

/** Posts whose body and comments are looked up (the analysis' citations first, then today's top). */
export const DETAIL_POSTS = 10;
/** Posts matching the question (beyond those) whose body and comments are looked up too. */
const QUESTION_POSTS = 3;
/** Parallel /comments requests when details are fetched (Reddit allows 100 a minute). */
const FETCH_CONCURRENCY = 4;
/** From each earlier report: its top posts of the day… */
const PAST_POSTS_PER_REPORT = 5;
/** …and no more than this many in all. */
const MAX_PAST_POSTS = 30;

export interface SourcePost {
  post: Post;
  details?: PostDetails;
  /** The report the post comes from. */
  reportDate: string;
  /** Where the report shows it: "today #1", "week #3", "r/LocalLLaMA #2", "cited by the analysis". */
  placements: string[];
}

export interface PastContext {
  scope: PastScope;
  /** Stored earlier reports in the scope, newest first. */
  reports: Report[];
  /** Days of the scope with no stored report. */
  missing: string[];
  sources: SourcePost[];
}

export interface AnswerContext {
  report: Report;
  /** The report's posts in a fixed order: the cacheable prompt prefix depends on it staying the same. */
  sources: SourcePost[];
  /**
   * Posts the question is about that `sources` gives without body and comments: copies with their
   * details, sent after the cached prefix (which they would otherwise change from question to question).
   */
  focus: SourcePost[];
  past: PastContext | null;
}

export interface ContextDeps {
  store: Store;
  details?: PostDetailsSource;
  now: Date;
  log?: Logger;
}

/** Every post the report shows or cites, once, in report order, with where it appears. */
export function reportSources(report: Report): SourcePost[] {
  const byId = new Map<string, SourcePost>();
  const add = (post: Post, placement: string) => {
    const known = byId.get(post.id);
    if (known) known.placements.push(placement);
    else byId.set(post.id, { post, reportDate: report.date, placements: [placement] });
  };
  report.sections.today.forEach((post, i) => add(post, `today #${i + 1}`));
  report.sections.week.forEach((post, i) => add(post, `week #${i + 1}`));
  report.sections.month.forEach((post, i) => add(post, `month #${i + 1}`));
  for (const community of report.sections.communities) community.posts.forEach((post, i) => add(post, `r/${community.subreddit} #${i + 1}`));
  for (const citation of Object.values(report.analysis?.citations ?? {})) {
    // A cited post outside the tables: its numbers come from the citation (no creation time is known
    // here; buildContext fills it in from the day's snapshot).
    add({ ...citation, flair: null, createdAt: '' }, 'cited by the analysis');
  }
  return [...byId.values()];
}

/**
 * A post the analysis cites outside the tables is known only by its citation, which has no creation
 * time; the day's snapshot has the whole post. (Without a snapshot, the report's time stands in: the
 * post existed by then, and renderers need a valid time.)
 */
async function withFullPosts(sources: SourcePost[], report: Report, store: Store): Promise<SourcePost[]> {
  const partial = sources.filter((s) => s.post.createdAt === '');
  if (partial.length === 0) return sources;
  const snapshot = new Map((await store.snapshots.get(report.date))?.posts.map((p) => [p.id, p]) ?? []);
  for (const source of partial) source.post = snapshot.get(source.post.id) ?? { ...source.post, createdAt: report.generatedAt };
  return sources;
}

/** The posts worth the bodies and comments: what the analysis talks about, then today's top. */
function detailCandidates(report: Report): string[] {
  const ids = [...Object.keys(report.analysis?.citations ?? {}), ...report.sections.today.map((p) => p.id)];
  return [...new Set(ids)].slice(0, DETAIL_POSTS);
}

/**
 * The report's posts the question names (BM25 over titles, flairs and communities), best first, cut where
 * a match falls below half the best: "what do people say about the RAG pipeline?" reads r/Rag's comments
 * even when the report ranks those posts low.
 */
function questionCandidates(sources: SourcePost[], question: string, count = QUESTION_POSTS): string[] {
  const index = new Bm25Index(
    sources.map((s) => ({
      id: s.post.id,
      fields: [
        { text: s.post.title, weight: 3 },
        { text: s.post.flair ?? '', weight: 1 },
        { text: s.post.subreddit, weight: 1 },
      ],
    })),
  );
  const hits = index.search(question);
  const best = hits[0]?.score ?? 0;
  return hits.filter((hit) => hit.score >= best / 2).slice(0, count).map((hit) => hit.id);
}

export async function buildContext(report: Report, question: string, deps: ContextDeps): Promise<AnswerContext> {
  const sources = await withFullPosts(reportSources(report), report, deps.store);
  const ranked = new Set(detailCandidates(report));
  await attachDetails(sources, ranked, deps, true);
  const asked = questionCandidates(sources, question).filter((id) => !ranked.has(id));
  const focus = sources.filter((s) => asked.includes(s.post.id)).map((s) => ({ ...s, placements: [...s.placements] }));
  await attachDetails(focus, new Set(asked), deps, true);
  return {
    report,
    sources,
    focus: focus.filter((s) => s.details && (s.details.selftext || s.details.topComments.length > 0)),
    past: await loadPast(report, question, new Set(sources.map((s) => s.post.id)), deps),
  };
}

/**
 * Bodies and comments for the `wanted` posts: from the post itself (an enriched report), else the
 * store's cache, else (when `fetch` and a Reddit client is given) from Reddit, cached for next time.
 * A failed fetch leaves the post without details: an answer is still possible from the numbers.
 */
async function attachDetails(sources: SourcePost[], wanted: Set<string>, deps: ContextDeps, fetch: boolean): Promise<void> {
  const toFetch: SourcePost[] = [];
  for (const source of sources) {
    if (!wanted.has(source.post.id)) continue;
    const { post } = source;
    if (post.selftext !== undefined || post.topComments !== undefined) {
      source.details = { id: post.id, selftext: post.selftext ?? '', topComments: post.topComments ?? [], fetchedAt: '' };
      continue;
    }
    const cached = await deps.store.postDetails.get(post.id);
    if (cached) source.details = cached;
    else if (fetch && deps.details) toFetch.push(source);
  }
  const details = deps.details;
  if (!details) return;
  let next = 0;
  const worker = async () => {
    while (next < toFetch.length) {
      const source = toFetch[next++]!;
      try {
        source.details = await details.fetch(source.post, deps.now);
        await deps.store.postDetails.set(source.post.id, source.details);
      } catch (error) {
        deps.log?.warn({ postId: source.post.id, err: error instanceof Error ? error.message : String(error) }, 'followup: could not fetch post details');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, toFetch.length) }, worker));
}

/** The context with the focus posts' details in place (for the offline answer, which caches nothing). */
export function withFocusDetails(context: AnswerContext): AnswerContext {
  if (context.focus.length === 0) return context;
  const focus = new Map(context.focus.map((s) => [s.post.id, s]));
  return { ...context, sources: context.sources.map((s) => focus.get(s.post.id) ?? s), focus: [] };
}

async function loadPast(report: Report, question: string, seen: Set<string>, deps: ContextDeps): Promise<PastContext | null> {
  const scope = pastScope(question, report.date);
  if (!scope) return null;
  const reports: Report[] = [];
  const missing: string[] = [];
  // A view's thread looks back over the view's days; a day the view was not built on, over that day's
  // report filtered to the view (its communities and topics), never over posts the view leaves out.
  const matches = report.view?.key ? viewMatcher(report.view) : undefined;
  for (const date of scope.dates) {
    const own = matches ? await deps.store.reports.get(viewReportKey(date, report.view!.key)) : undefined;
    const day = own ?? (await deps.store.reports.get(date));
    const stored = day && matches && !own ? { ...day, sections: { ...day.sections, today: day.sections.today.filter(matches) } } : day;
    if (stored) reports.push(stored);
    else missing.push(date);
  }
  // Spread the posts over the days: a few from each report, newest day first, until the cap.
  const sources: SourcePost[] = [];
  for (const past of reports) {
    let taken = 0;
    for (const [i, post] of past.sections.today.entries()) {
      if (taken >= PAST_POSTS_PER_REPORT || sources.length >= MAX_PAST_POSTS) break;
      if (seen.has(post.id)) continue;
      seen.add(post.id);
      sources.push({ post, reportDate: past.date, placements: [`today #${i + 1}`] });
      taken++;
    }
  }
  // Only what is already cached: a look back should not cost a round of Reddit requests.
  await attachDetails(sources, new Set(sources.map((s) => s.post.id)), deps, false);
  return { scope, reports, missing, sources };
}
