import type { App } from '@slack/bolt';
import type { Server } from 'node:http';
import type { PartStatus } from '../../src/health/checks.js';

// Whether the Slack app is connected, for /healthz: over HTTP, its server is listening for Slack's
// requests; in Socket Mode, the WebSocket to Slack is open (the client reconnects by itself when it drops).

/** Bolt keeps its receiver private; the Socket Mode client is public on it (SocketModeReceiver.client). */
interface WithReceiver {
  receiver?: { client?: { websocket?: { isActive(): boolean } } };
}

export function slackStatus(app: App, mode: 'socket' | 'http', server: Server | undefined): PartStatus {
  if (mode === 'socket') {
    const active = (app as unknown as WithReceiver).receiver?.client?.websocket?.isActive() === true;
    return active
      ? { ok: true, detail: 'Socket Mode connected' }
      : { ok: false, detail: 'the Socket Mode connection to Slack is down', fix: 'It reconnects by itself: if this lasts minutes, check the network path to Slack (SLACK_API_URL, proxies), SLACK_APP_TOKEN (scope connections:write) and the log' };
  }
  return server?.listening
    ? { ok: true, detail: 'listening for Slack over HTTP' }
    : { ok: false, detail: 'the Slack HTTP server is not listening (not started, or stopped)', fix: 'Check the log for the start-up error (PORT in use?) and restart the bot' };
}
