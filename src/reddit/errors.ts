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

/**
 * Reddit's token endpoint refused the app's key (401/403; `invalid_client` for a revoked or unknown key).
 * Retrying does not help: only new credentials do. The source ladder falls through to the public feeds on it.
 */
export class CredentialsRefusedError extends RedditError {
  constructor(url: string, status: number, reason?: string) {
    super('auth', url, 'Reddit refused the app credentials: check REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET', status, reason);
    this.name = 'CredentialsRefusedError';
  }
}

/** What a failed fetch says, with its cause (undici puts the reason, ECONNREFUSED and the like, there). */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}
