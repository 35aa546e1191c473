import { readFileSync } from 'node:fs';
import type { Post } from '../models.js';
import { parseListing } from '../reddit/parse.js';

// The bundled snapshot (posts of the 2026-02-11 reference report) that lets the bot do its whole job
// with no credentials: `ai-trends report --sample`, `npm start`, and the tests.

const file = new URL('./reddit-2026-02-11.json', import.meta.url);

export interface SampleSnapshot {
  now: Date;
  posts: Post[];
}

let parsed: SampleSnapshot | undefined;

/**
 * The snapshot, read once; each caller gets its own copy, so that a report built from it (whose posts a
 * caller may change, such as a test giving one a hostile title) never changes the next caller's sample.
 */
export function loadSample(): SampleSnapshot {
  const { now, posts } = snapshot();
  return { now: new Date(now), posts: structuredClone(posts) };
}

/** The sample's moment alone, without copying its posts: what a clock on the sample day calls every time. */
export function sampleNow(): Date {
  return new Date(snapshot().now);
}

function snapshot(): SampleSnapshot {
  if (!parsed) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { now: string; children: unknown[] };
    const { posts } = parseListing({ kind: 'Listing', data: { after: null, children: raw.children } }, file.pathname);
    parsed = { now: new Date(raw.now), posts };
  }
  return parsed;
}
