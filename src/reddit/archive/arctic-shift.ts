import { z } from 'zod';
import { quoteInput } from '../../text/quote.js';
import { describe, RedditError } from '../errors.js';
import { isRedditId } from '../parse.js';
import { guardedGet, type Answerer } from '../response.js';
import type { ArchivedNumbers, PostArchive } from './archive.js';

// Arctic Shift (https://arctic-shift.photon-reddit.com; API documented in github.com/ArthurHeitmann/
// arctic_shift, api/README.md): a keyless third-party archive of Reddit. `/api/posts/ids?ids=a,b&fields=…`
// answers `{ "data": [ { "id": "a", "score": 12, … } ] }` for the ids it holds; a refused query answers
// `{ "error": "…" }`. The service promises no uptime and limits requests (429, X-RateLimit-Reset), so
// every failure here is an error the caller turns into one warning, never a failed report.
// Read like Reddit itself: our honest User-Agent, no redirect followed, the body read up to a cap.

export interface ArcticShiftOptions {
  /** ARCTIC_SHIFT_BASE, without a trailing slash. */
  base: string;
  /** The Reddit User-Agent of this bot (`node:ai-trends:<version> (by /u/…)`): honest about who asks. */
  userAgent: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** The API's limit of ids in one call ("Limit: 500"). A report holds about 200 posts: one call. */
export const MAX_IDS_PER_CALL = 500;

/** Only what enrichment reads: a smaller, faster answer than the full post JSON. */
const FIELDS = 'id,score,num_comments,over_18';

const LABEL = 'Arctic Shift';

// One entry is checked on its own: an entry the archive garbled is skipped (its post keeps null numbers),
// the rest are still used. The id must be one of ours; numbers must be whole and not negative… except
// points, which Reddit lets fall below zero.
const entry = z.object({
  id: z.string().refine(isRedditId),
  score: z.number().int(),
  num_comments: z.number().int().min(0),
  over_18: z.boolean().optional(),
});
const answer = z.union([z.object({ data: z.array(z.unknown()) }), z.object({ error: z.string() })]);

export function arcticShift(options: ArcticShiftOptions): PostArchive {
  const answerer: Answerer = { name: LABEL, base: options.base, setting: 'ARCTIC_SHIFT_BASE' };
  return {
    name: 'arctic-shift',
    label: LABEL,
    lookup: async (ids) => {
      const wanted = [...new Set(ids.filter(isRedditId))];
      const found: ArchivedNumbers[] = [];
      // One call after another: a free service, and one report needs one call.
      for (let start = 0; start < wanted.length; start += MAX_IDS_PER_CALL) {
        found.push(...(await lookupOnce(wanted.slice(start, start + MAX_IDS_PER_CALL), options, answerer)));
      }
      return found;
    },
  };
}

async function lookupOnce(ids: string[], options: ArcticShiftOptions, answerer: Answerer): Promise<ArchivedNumbers[]> {
  const url = new URL(`${options.base}/api/posts/ids`);
  url.searchParams.set('ids', ids.join(','));
  url.searchParams.set('fields', FIELDS);
  // The ids stay out of messages: an error names the endpoint, not the 200 ids asked for.
  const shown = `${options.base}/api/posts/ids`;
  let fetched: { response: Response; text: string };
  try {
    fetched = await guardedGet(url.toString(), shown, {
      headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      answerer,
    });
  } catch (error) {
    throw new ArchiveError(error instanceof RedditError ? error.message : `could not reach ${LABEL}: ${quoteInput(describe(error), 120)}`);
  }
  const { response, text } = fetched;
  if (response.status === 429) {
    const reset = response.headers.get('x-ratelimit-reset');
    throw new ArchiveError(`${LABEL} is limiting requests (429${reset ? `, X-RateLimit-Reset ${quoteInput(reset, 30)}` : ''})`);
  }
  if (!response.ok) throw new ArchiveError(`${LABEL} answered ${response.status}`);
  const parsed = answer.safeParse(parseJson(text));
  if (!parsed.success) throw new ArchiveError(`${LABEL} answered with a body that is not the JSON expected (${text.length} bytes)`);
  if ('error' in parsed.data) throw new ArchiveError(`${LABEL} answered with an error: "${quoteInput(parsed.data.error, 80)}"`);
  return parsed.data.data.flatMap((raw) => {
    const post = entry.safeParse(raw);
    return post.success ? [{ id: post.data.id, score: post.data.score, numComments: post.data.num_comments, over18: post.data.over_18 }] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why the archive could not be read, in one line that names no URL (it would hold ~200 ids). */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}
