import { createHash } from 'node:crypto';
import type { Post, Report, ReportView, ReportViewInfo } from '../models.js';
import { entityNames } from '../analysis/topics.js';
import { escapeRegExp } from '../text/regexp.js';
import type { ReportSection, Subscription } from '../store/records.js';

// One collection, many views (issue 20). Reddit is read once a day for the union of the communities every
// subscription wants; a channel's report is a view of that day: its communities, its topics, its language,
// its cadence. Views with equal settings share one stored report and one analysis (`<date>~<view key>`);
// the view of every default (no setting) is the day's report itself, stored under the date as before.

export type { Cadence, ReportView, ReportViewInfo } from '../models.js';

/** The view a subscription asks for (an old record without the fields: the default view, as before). */
export function subscriptionView(subscription: Pick<Subscription, 'communities' | 'topics' | 'language' | 'days'>): ReportView {
  return {
    ...(subscription.communities?.length ? { communities: subscription.communities } : {}),
    ...(subscription.topics?.length ? { topics: subscription.topics } : {}),
    ...(subscription.language ? { language: subscription.language } : {}),
    ...(subscription.days?.startsWith('weekly:') ? { cadence: 'weekly' as const } : {}),
  };
}

/**
 * The communities a subscription wants: its own, else every configured one. For the alerts (issue 20,
 * item 3) and the day's collection: what to watch for a channel.
 */
export function subscriptionCommunities(subscription: Pick<Subscription, 'communities'>, config: { reddit: { subreddits: readonly string[] } } | readonly string[]): string[] {
  const configured = Array.isArray(config) ? config : (config as { reddit: { subreddits: readonly string[] } }).reddit.subreddits;
  return subscription.communities?.length ? [...subscription.communities] : [...configured];
}

/** A view in one canonical form: the same settings give the same key whatever their order or case. */
function canonical(view: ReportView | undefined): ReportView {
  if (!view) return {};
  const communities = view.communities?.length ? [...new Set(view.communities.map((c) => c.toLowerCase()))].sort() : undefined;
  const topics = view.topics?.length ? [...new Set(view.topics.map((t) => t.toLowerCase()))].sort() : undefined;
  const language = view.language && view.language.toLowerCase() !== 'en' ? view.language.toLowerCase() : undefined;
  const cadence = view.cadence === 'weekly' ? 'weekly' : undefined;
  return { ...(communities ? { communities } : {}), ...(topics ? { topics } : {}), ...(language ? { language } : {}), ...(cadence ? { cadence } : {}) };
}

/** The view's key: '' for the default view (the day's report), else 12 hex digits of its canonical form. */
export function viewKey(view: ReportView | undefined): string {
  const c = canonical(view);
  if (Object.keys(c).length === 0) return '';
  return createHash('sha256').update(JSON.stringify([c.communities ?? null, c.topics ?? null, c.language ?? null, c.cadence ?? null])).digest('hex').slice(0, 12);
}

/** The store key of a day's view: the date for the default view, `<date>~<key>` for another. */
export function viewReportKey(date: string, key: string | undefined): string {
  return key ? `${date}~${key}` : date;
}

/** Where a report is stored (and what a follow-up thread binds to): its date, with its view's key. */
export function reportKey(report: Pick<Report, 'date'> & { view?: ReportViewInfo }): string {
  return viewReportKey(report.date, report.view?.key);
}

/** The date part of a report key (`2026-02-11~ab12…` → `2026-02-11`). */
export function dateOfReportKey(key: string): string {
  return key.split('~')[0]!;
}

/** A whole-word, case-insensitive pattern for a topic word and the other names of its entity (claude → anthropic…). */
function topicPattern(word: string): RegExp {
  const names = entityNames(word.toLowerCase());
  return new RegExp(`(^|[^\\p{L}\\p{N}])(${names.map(escapeRegExp).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
}

/** Whether a post belongs to the view: one of its communities, a kept word (when any) and no left-out word. */
export function viewMatcher(view: ReportView | undefined): (post: Pick<Post, 'subreddit' | 'title' | 'flair' | 'selftext'>) => boolean {
  const communities = view?.communities?.length ? new Set(view.communities.map((c) => c.toLowerCase())) : undefined;
  const keep = (view?.topics ?? []).filter((t) => t.startsWith('+')).map((t) => topicPattern(t.slice(1)));
  const drop = (view?.topics ?? []).filter((t) => t.startsWith('-')).map((t) => topicPattern(t.slice(1)));
  return (post) => {
    if (communities && !communities.has(post.subreddit.toLowerCase())) return false;
    if (keep.length === 0 && drop.length === 0) return true;
    const text = `${post.title}\n${post.flair ?? ''}\n${post.selftext ?? ''}`;
    if (drop.some((p) => p.test(text))) return false;
    return keep.length === 0 || keep.some((p) => p.test(text));
  };
}

/** `r/LocalLLaMA, r/LocalLLM; topics +agents -crypto; in pt-BR; weekly`: how a note names a view. */
export function describeView(view: ReportView | undefined): string {
  const parts: string[] = [];
  if (view?.communities?.length) parts.push(view.communities.map((c) => `r/${c}`).join(', '));
  if (view?.topics?.length) parts.push(`topics ${view.topics.join(' ')}`);
  if (view?.language) parts.push(`in ${view.language}`);
  if (view?.cadence === 'weekly') parts.push('week digest');
  return parts.join('; ');
}

/**
 * The sections a subscription's post shows: its own; a weekly one is a week digest, the week's posts and
 * the analysis (the week's themes) in place of the day's summary and posts.
 */
export function postedSections(subscription: Pick<Subscription, 'sections' | 'days'>): ReportSection[] {
  if (!subscription.days?.startsWith('weekly:')) return subscription.sections;
  const kept = subscription.sections.filter((s) => s !== 'summary' && s !== 'today');
  return [...new Set<ReportSection>(['week', 'analysis', ...kept])];
}

export const weekdayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The local weekdays (0 = Sunday) a `days` setting posts on; undefined: every day. */
export function postingWeekdays(days: string | undefined): Set<number> | undefined {
  if (!days || days === 'daily') return undefined;
  if (days === 'weekdays') return new Set([1, 2, 3, 4, 5]);
  const list = days.startsWith('weekly:') ? days.slice('weekly:'.length) : days;
  return new Set(list.split(',').map((d) => weekdayNames.indexOf(d.trim().toLowerCase() as (typeof weekdayNames)[number])).filter((d) => d >= 0));
}

/** The weekday (0 = Sunday) of a local date YYYY-MM-DD: a calendar fact, whatever the zone's DST. */
export function weekdayOf(localDate: string): number {
  return new Date(`${localDate}T12:00:00Z`).getUTCDay();
}

/**
 * The day's collection: the configured communities, then those subscriptions name beyond them (in the
 * order first seen), at most `max` in all. `/subscribe` refuses a community past the cap, so the cut
 * only bites when MAX_COMMUNITIES was lowered after.
 */
export async function communitiesWanted(configured: readonly string[], store: { subscriptions: { pages(): AsyncIterable<Array<{ value: Pick<Subscription, 'communities'> }>> } }, max: number): Promise<string[]> {
  const union = new Map(configured.map((c) => [c.toLowerCase(), c]));
  try {
    for await (const page of store.subscriptions.pages()) {
      for (const { value } of page) for (const c of value.communities ?? []) if (!union.has(c.toLowerCase())) union.set(c.toLowerCase(), c);
    }
  } catch {
    // The store failing is the collection's problem elsewhere; the configured communities are read anyway.
  }
  return [...union.values()].slice(0, Math.max(max, configured.length));
}
