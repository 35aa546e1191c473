// The fetch both model clients (openai, @anthropic-ai/sdk) are given instead of the global one.
// - Redirects are never followed: a 307 from OPENAI_BASE_URL sent the day's posts and the user's question
//   to whatever host it named (fetch re-POSTs the body on 307/308). The 3xx comes back to the SDK as an
//   error (not retried, its Location made absolute) and describeRedirect names the setting to fix, as
//   the Reddit client does with its own redirects.
// - A body is read to MAX_MODEL_RESPONSE_BYTES at most: a non-streamed answer is read whole into memory
//   by the SDK, so a server sending without end would otherwise fill it before any deadline passed.

/** Far more than any answer the bot asks for (an analysis is under 100 kB), far less than memory. */
export const MAX_MODEL_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A body longer than the cap: reading it stops there. */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
}

/** The setting that names a model server's address: what an operator fixes. */
export type ModelSetting = 'OPENAI_BASE_URL' | 'ANTHROPIC_BASE_URL';

/** Where an error's description is shown: the operator's log, or a report everyone reads. */
export type Shown = 'log' | 'report';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Statuses whose Response may carry no body (the constructor refuses one). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

export function guardedFetch(setting: ModelSetting, maxBytes = MAX_MODEL_RESPONSE_BYTES, fetcher: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await fetcher(input, { ...init, redirect: 'manual' });
    const headers = new Headers(response.headers);
    if (isRedirect(response.status)) {
      headers.set('location', absoluteLocation(headers.get('location'), requestUrl(input)));
      // The SDKs retry only 408/409/429/5xx, but say it outright: a redirect is never tried again.
      headers.set('x-should-retry', 'false');
      await response.body?.cancel();
      return new Response(null, { status: response.status, statusText: response.statusText, headers });
    }
    if (!response.body || NO_BODY.has(response.status)) return response;
    const limited = response.body.pipeThrough(byteLimit(maxBytes, setting));
    return new Response(limited, { status: response.status, statusText: response.statusText, headers });
  };
}

export function isRedirect(status: number | undefined): boolean {
  return status !== undefined && status >= 300 && status < 400;
}

/**
 * One line for the operator: "the server at OPENAI_BASE_URL redirected to https://other.example/v1/…
 * (HTTP 307); redirects are not followed: set OPENAI_BASE_URL to the address to use". Where the line
 * is shown to everyone (a report's warnings), `location` is left out: it is an address a server chose.
 */
export function describeRedirect(setting: ModelSetting, status: number, location: string | null | undefined): string {
  const where = location ? ` to ${location}` : '';
  return `the server at ${setting} redirected${where} (HTTP ${status}); redirects are not followed, so nothing was sent there: set ${setting} to the address to use`;
}

/** The Location as an absolute URL without its query (which may carry a token), or a placeholder. */
function absoluteLocation(location: string | null, base: string | undefined): string {
  if (!location) return '(no Location)';
  try {
    const url = new URL(location, base);
    return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 200);
  } catch {
    return '(an unreadable Location)';
  }
}

function requestUrl(input: string | URL | Request): string | undefined {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

function byteLimit(maxBytes: number, setting: ModelSetting): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) {
        controller.error(new ResponseTooLargeError(`the server at ${setting} sent more than ${Math.round(maxBytes / 1024 / 1024)} MiB for one answer; reading stopped there`));
        return;
      }
      controller.enqueue(chunk);
    },
  });
}
