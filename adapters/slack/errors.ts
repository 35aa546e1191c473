import { ChatError } from '../../src/chat/errors.js';

// Web API failures in the chat port's words: Slack answers `ok: false` with an error code, or HTTP 429/5xx.

const permanent: Record<string, string | undefined> = {
  channel_not_found: 'The channel was deleted or the app cannot see it.',
  not_in_channel: 'Invite the bot to this channel first: /invite @ai-trends',
  is_archived: 'The channel is archived.',
  account_inactive: 'The app was removed from this workspace; install it again.',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid any more; copy it again from the app settings.',
  token_revoked: 'SLACK_BOT_TOKEN was revoked; install the app again.',
  missing_scope: 'The app lacks a scope: reinstall it from adapters/slack/manifest.json.',
  msg_too_long: undefined,
  invalid_blocks: undefined,
};

export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  const data = (error as { data?: { error?: string } }).data;
  const code = data?.error ?? (error as { code?: string }).code ?? 'unknown';
  const message = error instanceof Error ? error.message : String(error);
  if (code in permanent) return new ChatError('slack', 'permanent', code, `Slack refused: ${code}`, permanent[code], { cause: error });
  if (code === 'slack_webapi_rate_limited_error' || code === 'ratelimited') return new ChatError('slack', 'retryable', 'rate_limited', `Slack rate limit: ${message}`, undefined, { cause: error });
  const retryable = code === 'slack_webapi_request_error' || code === 'slack_webapi_http_error' || code === 'fatal_error' || code === 'internal_error';
  return new ChatError('slack', retryable ? 'retryable' : 'permanent', code, `Slack call failed: ${message}`, undefined, { cause: error });
}
