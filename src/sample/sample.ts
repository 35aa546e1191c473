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

let cached: SampleSnapshot | undefined;

export function loadSample(): SampleSnapshot {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { now: string; children: unknown[] };
  const { posts } = parseListing({ kind: 'Listing', data: { after: null, children: raw.children } }, file.pathname);
  cached = { now: new Date(raw.now), posts };
  return cached;
}
