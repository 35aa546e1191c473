import { App, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { ChartPngRenderer } from '../../src/render/chart-png.js';
import type { CommandServices } from '../../commands/index.js';
import { InFlight } from '../../src/chat/in-flight.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import { SlackChat } from './chat.js';
import { listenForCommands } from './commands.js';
import type { SlackDeps } from './deps.js';
import { listenForQuestions } from './questions.js';
import { screenedReceiver } from './receiver.js';
import { slackStatus } from './status.js';
import type { Server } from 'node:http';
import type { PartStatus } from '../../src/health/checks.js';
import type { Route } from '../../src/health/http.js';

// The Slack app: Socket Mode with an app-level token (no public URL), else HTTP with request signing
// (a bad signature, a timestamp more than five minutes off either way: 401; a body that is not a JSON
// object: 400; nothing runs).
// `/trends` and the questions in bound threads; stopping lets answers in flight finish or cuts them.

export interface SlackBotOptions {
  botToken: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** Required over HTTP. */
  signingSecret?: string;
  /** Web API base (tests, proxies); Slack's own otherwise. */
  apiUrl?: string;
  botUserId?: string;
  botId?: string;
  /** Admins beyond workspace owners and admins (SLACK_ADMIN_USER_IDS). */
  adminUserIds?: readonly string[];
  /** The workspace's cap on posts, when known (SLACK_POSTS_PER_MINUTE). */
  postsPerMinute?: number;
  services: CommandServices;
  followUps: FollowUps;
  store: Store;
  clock: () => Date;
  log: Logger;
  retries?: number;
  /** Overrides Slack's edit pacing (tests). */
  editIntervalMs?: number;
  /** More routes for the HTTP server (/healthz, /metrics); ignored in Socket Mode, which has no server. */
  routes?: Route[];
  /** Draws the chart PNG where the native chart block is refused (renderChartPng; a test makes it fail). */
  renderChart?: ChartPngRenderer;
}

export interface SlackBot {
  app: App;
  chat: SlackChat;
  /** Listens on `port` (0: any free one; ignored in Socket Mode) and resolves with the port. */
  start(port: number): Promise<number>;
  /** Finishes (or cuts, after `graceMs`) the answers in flight, then stops. */
  stop(graceMs?: number): Promise<void>;
  /** Connected (HTTP server listening, or Socket Mode's WebSocket open) or not, for /healthz. */
  status(): PartStatus;
}

export function createSlackBot(options: SlackBotOptions): SlackBot {
  const logger = boltLogger(options.log);
  // A 429 is waited out for its Retry-After before the retry; the policy's own delay then only needs
  // to space out 5xx retries (its default of a second or more on top doubled a rate-limited fan-out).
  const retryConfig = { retries: options.retries ?? 3, factor: 2, minTimeout: 250, maxTimeout: 5_000 };
  const app = new App({
    token: options.botToken,
    // In Socket Mode the receiver has a Web API client of its own (apps.connections.open): same base URL.
    // Over HTTP, Bolt's receiver behind our screen (receiver.ts): only signed, dated, object bodies reach it.
    ...(options.appToken
      ? { socketMode: true, appToken: options.appToken, installerOptions: { clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {} } }
      : { receiver: screenedReceiver({ signingSecret: options.signingSecret ?? '', routes: options.routes, boltLogger: logger, log: options.log }) }),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    ...(options.botId ? { botId: options.botId } : {}),
    logger,
    clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), retryConfig },
  });
  // The morning pass posts through a client of its own, which hands 429s back to the pacing instead of
  // pausing every call (answers included) for the Retry-After: SlackChat waits, learns, and tries again.
  const backgroundClient = new webApi.WebClient(options.botToken, { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), retryConfig, rejectRateLimitedCalls: true, logger });
  const chat = new SlackChat(app.client, options.postsPerMinute, { log: options.log, renderPng: options.renderChart, backgroundClient });
  const inFlight = new InFlight();
  let botUserId = options.botUserId;
  let server: Server | undefined;
  const { services, followUps, store, clock, log, adminUserIds, editIntervalMs } = options;
  const deps: SlackDeps = { chat, services, followUps, store, clock, log, adminUserIds, editIntervalMs, inFlight, botUserId: () => botUserId };
  listenForCommands(app, deps);
  listenForQuestions(app, deps);
  return {
    app,
    chat,
    async start(port) {
      botUserId ??= (await app.client.auth.test()).user_id;
      // HTTP mode resolves with its node:http server; Socket Mode with the connection's details.
      const started = (await app.start(port)) as Partial<Server> | undefined;
      if (!options.appToken) server = started as Server;
      const address = started?.address?.();
      return typeof address === 'object' && address ? address.port : port;
    },
    async stop(graceMs = 6_000) {
      const cut = await inFlight.drain(graceMs);
      if (cut > 0) options.log.warn({ cut }, 'slack: answers cut short by the shutdown');
      await app.stop();
    },
    status: () => slackStatus(app, options.appToken ? 'socket' : 'http', server),
  };
}

/** Bolt's own messages go to our JSON log (warnings and errors; the rest at debug). */
function boltLogger(log: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts) => log.debug(`slack (bolt): ${text(parts)}`),
    info: (...parts) => log.debug(`slack (bolt): ${text(parts)}`),
    warn: (...parts) => log.warn(`slack (bolt): ${text(parts)}`),
    error: (...parts) => log.error(`slack (bolt): ${text(parts)}`),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
