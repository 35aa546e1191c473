import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { ChatError } from '../../src/chat/errors.js';

// discord.js errors in the chat port's words. Discord's JSON error codes say what is wrong; the
// permission a call needs is known by the caller, which passes it so the user hears its name.

const permanentCodes: Record<number, { code: string; hint?: (permission?: string) => string }> = {
  50013: { code: 'missing_permissions', hint: (p) => `Give the bot the ${p ?? 'needed'} permission in this channel (Server Settings → Roles, or the channel's Permissions).` },
  50001: { code: 'missing_access', hint: () => 'Add the bot to this channel, or give it View Channel and Read Message History here.' },
  10003: { code: 'channel_not_found', hint: () => 'The channel was deleted or the bot cannot see it.' },
  10008: { code: 'message_not_found' },
  50083: { code: 'thread_archived', hint: () => 'Unarchive the thread or run /trends again.' },
  160004: { code: 'thread_exists' },
  50007: { code: 'cannot_dm' },
  40060: { code: 'interaction_acknowledged' },
  10062: { code: 'unknown_interaction' },
};

/** Turns whatever a discord.js call threw into a ChatError (retryable or permanent), keeping the cause. */
export function toChatError(error: unknown, permission?: string): ChatError {
  if (error instanceof ChatError) return error;
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? permanentCodes[error.code] : undefined;
    if (known) return new ChatError('discord', 'permanent', known.code, `Discord refused: ${error.message} (${error.code})`, known.hint?.(permission), { cause: error });
    if (error.status === 429 || error.status >= 500) return new ChatError('discord', 'retryable', error.status === 429 ? 'rate_limited' : 'server_error', `Discord answered ${error.status}: ${error.message}`, undefined, { cause: error });
    if (error.status === 403) return new ChatError('discord', 'permanent', 'missing_permissions', `Discord refused: ${error.message}`, permanentCodes[50013]!.hint!(permission), { cause: error });
    if (error.status === 404) return new ChatError('discord', 'permanent', 'not_found', `Discord answered 404: ${error.message}`, undefined, { cause: error });
    return new ChatError('discord', 'permanent', 'rejected', `Discord answered ${error.status}: ${error.message}`, undefined, { cause: error });
  }
  if (error instanceof RateLimitError) return new ChatError('discord', 'retryable', 'rate_limited', `Discord rate limit: retry after ${error.retryAfter} ms`, undefined, { cause: error });
  if (error instanceof HTTPError) {
    const kind = error.status >= 500 || error.status === 429 ? 'retryable' : 'permanent';
    return new ChatError('discord', kind, kind === 'retryable' ? 'server_error' : 'rejected', `Discord answered ${error.status}`, undefined, { cause: error });
  }
  // Timeouts (AbortError), refused or reset connections, DNS: the network, worth another try.
  const message = error instanceof Error ? error.message : String(error);
  return new ChatError('discord', 'retryable', 'network', `Could not reach Discord: ${message}`, undefined, { cause: error });
}
