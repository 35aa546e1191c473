import type { Report } from '../models.js';
import { reportBasis } from '../report/rank-basis.js';
import { quietCommunities } from '../report/quiet-communities.js';
import { note, type ReplyBlock } from './reply.js';

// Where the rest of the configured communities stand, in one line under what the reader saw: those with
// posts that the top list and highlights did not reach, and those that had nothing today. Every community
// the bot reads is then accounted for in the morning post, by name.

function names(communities: readonly string[]): string {
  const named = communities.map((c) => `r/${c}`);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** Why a community has nothing today, in the report's own rule. */
export function quietReason(report: Pick<Report, 'sections' | 'source'>): string {
  return reportBasis(report) === 'reddit-order' ? "no post in Reddit's top of the day" : 'no post with more than 10 comments in the past 24 hours';
}

/** "Nothing today from r/a and r/b: no post with more than 10 comments in the past 24 hours." or undefined. */
export function quietLine(report: Pick<Report, 'sections' | 'source' | 'configuredCommunities'>): string | undefined {
  const quiet = quietCommunities(report);
  if (quiet.length === 0) return undefined;
  return `Nothing today from ${names(quiet)}: ${quietReason(report)}.`;
}

/**
 * The summary's closing line: the communities with posts today that it did not show (`shown`: the
 * communities of its top list and highlights), then the quiet ones. Undefined when there is nothing to add.
 */
export function coverageBlock(report: Pick<Report, 'sections' | 'source' | 'configuredCommunities'>, shown: ReadonlySet<string>): ReplyBlock | undefined {
  const seen = new Set([...shown].map((c) => c.toLowerCase()));
  const others = report.sections.communities.map((c) => c.subreddit).filter((c) => !seen.has(c.toLowerCase()));
  const quiet = quietLine(report);
  const parts = [others.length > 0 ? `More from ${names(others)} in /trends communities.` : '', quiet ?? ''].filter(Boolean);
  return parts.length > 0 ? note(parts.join(' ')) : undefined;
}
