import { createHmac } from 'node:crypto';

// Requests to a Bolt HTTP app as Slack signs them: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`.

export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature };
}

export interface SlashCommand {
  command?: string;
  text: string;
  userId?: string;
  channelId?: string;
  teamId: string;
  responseUrl: string;
}

/** Posts a signed slash command to the app; resolves with the HTTP status and how long the ack took. */
export async function sendSlashCommand(appUrl: string, secret: string, command: SlashCommand, options: { timestamp?: number; badSignature?: boolean } = {}) {
  const body = new URLSearchParams({
    command: command.command ?? '/trends',
    text: command.text,
    user_id: command.userId ?? 'U0000USER',
    channel_id: command.channelId ?? 'C0000CHAN',
    team_id: command.teamId,
    response_url: command.responseUrl,
    trigger_id: 'trigger.1',
    api_app_id: 'A0000APP',
    token: 'deprecated',
  }).toString();
  const headers = signSlackRequest(options.badSignature ? 'not-the-secret' : secret, body, options.timestamp);
  const started = performance.now();
  const response = await fetch(`${appUrl}/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

/** Posts a signed Events API callback; `retryNum` sets X-Slack-Retry-Num as Slack does on a redelivery. */
export async function sendEvent(appUrl: string, secret: string, event: Record<string, unknown>, options: { eventId: string; teamId: string; retryNum?: number }) {
  const body = JSON.stringify({ type: 'event_callback', team_id: options.teamId, api_app_id: 'A0000APP', event_id: options.eventId, event_time: Math.floor(Date.now() / 1000), event });
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...signSlackRequest(secret, body) };
  if (options.retryNum !== undefined) Object.assign(headers, { 'X-Slack-Retry-Num': String(options.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' });
  const response = await fetch(`${appUrl}/slack/events`, { method: 'POST', headers, body });
  return { status: response.status };
}

/**
 * Posts `body` as it is, signed with `secret` (a malformed or hostile request that Slack itself would
 * never send, but anyone holding the secret could). Gives up after 5 s: a request the app never answers.
 */
export async function sendSigned(appUrl: string, secret: string, body: string, options: { contentType?: string; timestamp?: number } = {}) {
  const headers = { 'Content-Type': options.contentType ?? 'application/json', ...signSlackRequest(secret, body, options.timestamp) };
  const response = await fetch(`${appUrl}/slack/events`, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text() };
}
