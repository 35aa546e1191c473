import type { AnalystInput } from '../input.js';
import type { AnalysisSections } from '../../models/analysis.js';
import { buildCommunityHighlights } from './communities.js';
import { buildDeepDive } from './deep-dive.js';
import { dayFacts } from './facts.js';
import { buildHighlights } from './highlights.js';
import { buildMonthly } from './monthly.js';
import { buildWeekly } from './weekly.js';

// The offline analyst: the report's "Trend Analysis" without a language model, for when there is no
// API key or Claude failed. Deterministic and pure (no clock: "hours ago" is relative to the report's
// generatedAt), every sentence built from the posts, their numbers, bodies and comments and the computed
// comparison, and every claim citing the posts it rests on. The prose is English whatever
// `input.language` says: translating templates is not worth it for a fallback, and the renderer marks
// the section as an automatic summary.

export function analyzeOffline(input: AnalystInput): AnalysisSections {
  const facts = dayFacts(input);
  const deepDive = buildDeepDive(facts);
  return {
    // The deep dive quotes its post at length: the highlights do not quote it too.
    highlights: buildHighlights(facts, deepDive?.postId),
    weekly: buildWeekly(facts),
    monthly: buildMonthly(facts),
    deepDive,
    communityHighlights: buildCommunityHighlights(facts),
  };
}
