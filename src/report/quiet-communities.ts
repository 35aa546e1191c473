import type { Report } from '../models.js';

// Configured communities that had nothing today. A reader who follows r/LangChain should learn from the
// report that it had no post worth listing, not wonder whether the bot still reads it.

/** The configured communities with no post among the day's (Today, or the communities table), in configured order. */
export function quietCommunities(report: Pick<Report, 'sections' | 'configuredCommunities'>): string[] {
  const active = new Set([...report.sections.today, ...report.sections.communities.flatMap((c) => c.posts)].map((p) => p.subreddit.toLowerCase()));
  const seen = new Set<string>();
  return (report.configuredCommunities ?? []).filter((name) => {
    const key = name.toLowerCase();
    if (active.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
