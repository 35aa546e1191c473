import { redactUrl } from '../text/redact.js';

/** Why a Reddit request failed, in words an operator can act on. Always names the URL (credentials redacted). */
export type RedditErrorKind = 'http' | 'timeout' | 'network' | 'malformed' | 'auth';

export class RedditError extends Error {
  /** How long the server asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;

  constructor(
    readonly kind: RedditErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    /** Reddit's own `reason` field (private, banned, quarantined…), when it gave one. */
    readonly reason?: string,
  ) {
    super(`${message} (${redactUrl(url)})`);
    this.name = 'RedditError';
  }

  /** An answer that pointed elsewhere (never followed): says nothing about the subreddit asked for. */
  get redirected(): boolean {
    return this.kind === 'http' && this.status !== undefined && this.status >= 300 && this.status < 400;
  }

  /** Worth another try: rate limits, server errors, timeouts and dropped connections. */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    return this.kind === 'http' && this.status !== undefined && (this.status === 429 || this.status >= 500);
  }
}

/** What a failed fetch says, with its cause (undici puts the reason, ECONNREFUSED and the like, there). */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}
