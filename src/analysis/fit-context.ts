import { postsToEnrich } from './enrich.js';
import type { AnalystInput } from './input.js';
import type { PostDetails } from '../models.js';

// A small context window (a local model's 8k or 16k tokens) cannot hold fifteen posts' bodies and
// comments. Enrichment is cut until the prompt fits, from the lowest-ranked post up: its comments, then
// its body, then the next post's, so the day's leading posts keep their details longest. Titles and
// numbers always stay.

export interface FittedInput {
  input: AnalystInput;
  /** Posts whose comments or body were left out. */
  trimmedPosts: number;
  /** False when even without any enrichment the prompt is over the budget (it is sent anyway). */
  fits: boolean;
}

export function fitEnrichment(input: AnalystInput, fits: (input: AnalystInput) => boolean): FittedInput {
  if (fits(input)) return { input, trimmedPosts: 0, fits: true };
  const rank = new Map(postsToEnrich(input.report, Number.MAX_SAFE_INTEGER).map((post, i) => [post.id, i]));
  const lowestFirst = Object.keys(input.details).sort((a, b) => (rank.get(b) ?? rank.size) - (rank.get(a) ?? rank.size));
  const details: Record<string, PostDetails> = { ...input.details };
  const trimmed = new Set<string>();
  // Each step leaves out one thing and names the post it belonged to (undefined: nothing to leave out).
  const steps = lowestFirst.flatMap((id): Array<() => string | undefined> => [
    () => {
      if (!details[id]?.topComments.length) return undefined;
      details[id] = { ...details[id], topComments: [] };
      return id;
    },
    () => {
      delete details[id];
      return id;
    },
  ]);
  for (const step of steps) {
    const changed = step();
    if (!changed) continue;
    trimmed.add(changed);
    const candidate = { ...input, details: { ...details } };
    if (fits(candidate)) return { input: candidate, trimmedPosts: trimmed.size, fits: true };
  }
  return { input: { ...input, details: {} }, trimmedPosts: trimmed.size, fits: false };
}
