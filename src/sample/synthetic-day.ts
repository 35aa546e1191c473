import { readFileSync } from 'node:fs';
import { parseListing } from '../reddit/parse.js';
import type { SampleSnapshot } from './sample.js';
import type { PostDetails } from '../models.js';

// A SYNTHETIC day, for tests and the evaluation only: invented posts (ids start with "synthetic", the
// products and companies do not exist) that carry bodies and top comments, which the bundled sample of
// real posts has not (and must not be given: invented text under a real post id would be a lie). It is
// what exercises quoting and extraction. Never served as a report to users.

const file = new URL('./synthetic-day.json', import.meta.url);

export interface SyntheticDay extends SampleSnapshot {
  synthetic: true;
  /** Bodies and top comments by post id, as the enrichment step (src/analysis/enrich.ts) gives them. */
  details: Record<string, PostDetails>;
}

let cached: SyntheticDay | undefined;

export function loadSyntheticDay(): SyntheticDay {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { synthetic: boolean; now: string; children: unknown[]; details: Record<string, PostDetails> };
  if (raw.synthetic !== true) throw new Error(`${file.pathname} is not marked synthetic`);
  const { posts } = parseListing({ kind: 'Listing', data: { after: null, children: raw.children } }, file.pathname);
  cached = { synthetic: true, now: new Date(raw.now), posts, details: raw.details };
  return cached;
}
