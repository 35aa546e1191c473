import type { Report } from '../models.js';
import type { Collection } from '../store/store.js';
import { daysBefore } from '../time/day.js';
import type { ReportStep } from './step.js';
import { dayTopScores, median } from './pick.js';
import { hasLiveNumbers, reportBasis } from './rank-basis.js';

// What the day's pick needs beyond the day's posts, added to a freshly built report before the analysis
// reads it: the communities the bot was set to read (so the report can name those with nothing today),
// and each community's usual top-post points over the stored days (so a post is weighed against its
// community's usual good day, not only against the other posts of this one).

/** How many stored days before the report count towards a community's usual top posts. */
export const USUAL_DAYS = 7;

export interface PickStepDeps {
  reports: Pick<Collection<Report>, 'get'>;
  /** REDDIT_SUBREDDITS, as configured. */
  communities: readonly string[];
}

export function createPickStep(deps: PickStepDeps): ReportStep {
  return async (report) => {
    const earlier: Report[] = [];
    for (let i = 1; i <= USUAL_DAYS; i++) {
      const stored = await deps.reports.get(daysBefore(report.date, i));
      if (stored) earlier.push(stored);
    }
    const usual = usualTopPoints(report, earlier);
    return { ...report, configuredCommunities: [...deps.communities], ...(usual ? { usualTopPoints: usual } : {}) };
  };
}

/**
 * The median of each community's top posts of the day, pooled over `report` and the `earlier` days; undefined
 * when there is no earlier day with Reddit's own numbers (the day's own top posts then stand in), or the
 * report has none (its pick goes by places, not points).
 */
export function usualTopPoints(report: Report, earlier: readonly Report[]): Record<string, number> | undefined {
  if (reportBasis(report) !== 'points') return undefined;
  // A day from the feeds, or with numbers an archive took later, is another unit: left out.
  const comparable = earlier.filter((day) => reportBasis(day) === 'points' && day.sections.communities.every((c) => c.posts.every(hasLiveNumbers)));
  if (comparable.length === 0) return undefined;
  const pooled = new Map<string, number[]>();
  for (const day of [report, ...comparable]) {
    for (const [community, scores] of dayTopScores(day)) pooled.set(community, [...(pooled.get(community) ?? []), ...scores]);
  }
  return Object.fromEntries([...pooled.entries()].filter(([, scores]) => scores.length > 0).map(([community, scores]) => [community, median(scores)]));
}
