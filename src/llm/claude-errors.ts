import type Anthropic from '@anthropic-ai/sdk';
import { describeRedirect, isRedirect, type Shown } from './guarded-fetch.js';

// What a failed Claude call says to the operator, apart from the SDK itself: the SDK (about 12 MiB of RSS)
// loads only with the Claude client (claude.ts, imported by main.ts when ANTHROPIC_API_KEY is set), and an
// error from Claude can only exist once it has. claude.ts hands its error classes over here as it loads.

let sdk: typeof Anthropic | undefined;

/** Called by claude.ts as it loads: the classes describeClaudeError tells apart. */
export function knowClaudeErrors(anthropic: typeof Anthropic): void {
  sdk = anthropic;
}

/**
 * One line, never the raw error body (which can be long or hold request details). `shown: 'report'` is
 * for a line everyone reads (a report's warnings): a redirect's Location, an address a server chose, is
 * left out of it.
 */
export function describeClaudeError(error: unknown, shown: Shown = 'log'): string {
  if (sdk) {
    if (error instanceof sdk.APIError && isRedirect(error.status)) {
      return describeRedirect('ANTHROPIC_BASE_URL', error.status!, shown === 'log' ? error.headers?.get('location') : undefined);
    }
    if (error instanceof sdk.APIConnectionTimeoutError) return 'Claude did not answer in time';
    if (error instanceof sdk.APIConnectionError) return 'Claude could not be reached';
    if (error instanceof sdk.AuthenticationError) return 'Claude refused the API key (check ANTHROPIC_API_KEY)';
    if (error instanceof sdk.RateLimitError) return 'Claude is rate-limiting us (429)';
    if (error instanceof sdk.APIError) return `Claude answered ${error.status ?? 'an error'}${error.status === 529 ? ' (overloaded)' : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
