import { plainLine } from '../text/clean.js';
import { redactUrl } from '../text/redact.js';
import { truncateVisible } from '../text/visible.js';
import { describe, RedditError } from './errors.js';

// The rules every answer from Reddit is read by, the API's and the token endpoint's alike: a redirect is
// never followed (it could lead anywhere, and take a token along), and a body is read only up to a cap.

/** The largest answer read by default: a listing of 100 posts is about 0.3 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Longest Location an error line quotes. */
const LOCATION_MAX = 200;

/** Who answered, in messages: "Reddit", "Reddit's token endpoint" or "Reddit's public feeds". */
export interface Answerer {
  name: string;
  /** The base URL it is read from, and the setting that holds it. */
  base: string;
  setting: 'REDDIT_API_BASE' | 'REDDIT_AUTH_BASE' | 'REDDIT_FEED_BASE';
}

export interface GuardedGet {
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  answerer: Answerer;
  /** The request got no answer (for a rate-limit window counting requests in flight). */
  onNoAnswer?: () => void;
  /** The answer's headers arrived (rate-limit headers). */
  onHeaders?: (headers: Headers) => void;
}

/**
 * GET `url` by the rules every answer from Reddit is read by: a timeout, a redirect refused (a 3xx is an
 * error naming where it pointed), the body read up to the cap. `shown` is the URL as errors name it.
 */
export async function guardedGet(url: string, shown: string, options: GuardedGet): Promise<{ response: Response; text: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: options.headers,
      signal: AbortSignal.timeout(options.timeoutMs),
      // A redirect could lead anywhere (and take a token along): never followed.
      redirect: 'manual',
    });
  } catch (error) {
    options.onNoAnswer?.();
    throw fetchFailure(error, shown, options.timeoutMs, options.answerer);
  }
  options.onHeaders?.(response.headers);
  if (response.status >= 300 && response.status < 400) throw redirectError(response, shown, options.answerer);
  return { response, text: await readBody(response, shown, options.maxResponseBytes, options.answerer) };
}

/** A request that got no answer: the timeout ran out, or the connection failed (its cause named). */
export function fetchFailure(error: unknown, url: string, timeoutMs: number, answerer: Pick<Answerer, 'name'>): RedditError {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return timedOut
    ? new RedditError('timeout', url, `${answerer.name} did not answer within ${timeoutMs} ms`)
    : new RedditError('network', url, `could not reach ${answerer.name}: ${describe(error)}`);
}

/** A 3xx answer as an error naming where it pointed (credentials redacted), for `answerer` at `url`. */
export function redirectError(response: Response, url: string, answerer: Answerer): RedditError {
  // The Location is the upstream's text: no control character or ping in the error line and the
  // warnings made from it; the URL itself stays readable for the operator.
  const location = response.headers.get('location') ?? '(no Location)';
  const where = `redirected to ${truncateVisible(plainLine(redactUrl(location)), LOCATION_MAX)}`;
  return new RedditError('http', url, `${answerer.name} ${where}, which is not followed: only ${redactUrl(answerer.base)} is read (check ${answerer.setting})`, response.status, where);
}

/**
 * The body as text, counted while it streams in: an answer past `max` bytes (a broken or hostile
 * upstream) fails that request at once instead of filling the memory.
 */
export async function readBody(response: Response, url: string, max: number, answerer: Pick<Answerer, 'name'>): Promise<string> {
  const tooLarge = () => new RedditError('malformed', url, `${answerer.name}'s answer is larger than ${max} bytes (REDDIT_MAX_RESPONSE_BYTES); not read`);
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > max) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof RedditError) throw error;
    throw new RedditError('timeout', url, `${answerer.name}'s answer was cut off: ${describe(error)}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
