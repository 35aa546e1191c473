import type Anthropic from '@anthropic-ai/sdk';

// What a failed Claude call says to the operator, apart from the SDK itself: the SDK (about 12 MiB of RSS)
// loads only with the Claude client (claude.ts, imported by main.ts when ANTHROPIC_API_KEY is set), and an
// error from Claude can only exist once it has. claude.ts hands its error classes over here as it loads.

let sdk: typeof Anthropic | undefined;

/** Called by claude.ts as it loads: the classes describeClaudeError tells apart. */
export function knowClaudeErrors(anthropic: typeof Anthropic): void {
  sdk = anthropic;
}

/** One line for the operator, never the raw error body (which can be long or hold request details). */
export function describeClaudeError(error: unknown): string {
  if (sdk) {
    if (error instanceof sdk.APIConnectionTimeoutError) return 'Claude did not answer in time';
    if (error instanceof sdk.APIConnectionError) return 'Claude could not be reached';
    if (error instanceof sdk.AuthenticationError) return 'Claude refused the API key (check ANTHROPIC_API_KEY)';
    if (error instanceof sdk.RateLimitError) return 'Claude is rate-limiting us (429)';
    if (error instanceof sdk.APIError) return `Claude answered ${error.status ?? 'an error'}${error.status === 529 ? ' (overloaded)' : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
