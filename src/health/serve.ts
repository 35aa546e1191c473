import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { HealthChecks, type PartStatus } from './checks.js';
import { healthRoutes, startHealthServer, type MetricsText, type Route } from './http.js';

// One HTTP server for /healthz and /metrics, never two on one port: the Slack app's own server when
// Slack runs over HTTP and HEALTH_PORT is unset or equal to PORT; else ours on HEALTH_PORT (on
// HEALTH_HOST, this machine only unless set otherwise); else none. METRICS_TOKEN guards /metrics.

export type HealthServing = { on: 'slack' } | { on: 'own'; port: number; host: string };

export function healthServing(config: Config): HealthServing | undefined {
  const slackHttpPort = config.slack && !config.slack.appToken ? config.slack.port : undefined;
  const port = config.health.port;
  if (slackHttpPort !== undefined && (port === undefined || port === slackHttpPort)) return { on: 'slack' };
  if (port !== undefined) return { on: 'own', port, host: config.health.host };
  return undefined;
}

/** A part /healthz reports on: a chat platform running here, or Discord's shard processes. */
export interface WatchedPart {
  name: string;
  status(): PartStatus;
}

/** What the endpoints read from the wired app (main.ts's App has it all). */
export interface HealthSources {
  config: Config;
  store: Store;
  /** Absent: the process counts nothing, so it serves nothing. */
  metrics?: MetricsText;
  /** The live source rungs: whether Reddit refused the API key. */
  ladder?: { status(): PartStatus | undefined };
}

export interface ServedHealth {
  /** Routes for the Slack app's HTTP server, when the endpoints are served there. */
  slackRoutes?: Route[];
  /** Our own server's port (HEALTH_PORT, or the one picked for 0), when it runs. */
  port?: number;
  /** /healthz reports these platforms from now on (each configured one is "connecting" until then). */
  watch(parts: readonly WatchedPart[]): void;
  close(): Promise<void>;
}

/**
 * Serves /healthz and /metrics for `app` where its config says (undefined: nowhere). Our own server
 * starts at once, so an orchestrator sees 503 "connecting" during start-up rather than a refused connection.
 */
export async function serveHealth(app: HealthSources, log: Logger, { web }: { web?: Route[] } = {}): Promise<ServedHealth | undefined> {
  const serving = healthServing(app.config);
  if (!serving || !app.metrics) return undefined;
  const configured = [...(app.config.discord ? ['discord'] : []), ...(app.config.slack ? ['slack'] : [])];
  const health = new HealthChecks(app.store, configured);
  const { metricsToken } = app.config.health;
  // Reddit refusing the API key: said here for as long as the process runs (the log says it once).
  const ladder = app.ladder;
  if (ladder) health.inform('reddit', () => ladder.status());
  const pages = web && web.length > 0 ? web : undefined;
  const routes = [...healthRoutes(health, app.metrics, log, { metricsToken, public: pages !== undefined }), ...(pages ?? [])];
  // The pages make the server public: /metrics (costs, counts, models) then needs its token there.
  if (pages && !metricsToken) log.warn('web: /metrics is refused (403) on the server of the web pages until METRICS_TOKEN is set; set it, or WEB_ENABLED=false to serve /metrics without one');
  if (pages) log.info({ paths: ['/', '/reports', '/search', '/feed.xml'] }, 'web: the report pages are served beside /healthz');
  const watch = (parts: readonly WatchedPart[]) => {
    for (const part of parts) health.watch(part.name, () => part.status());
  };
  if (serving.on === 'slack') {
    log.info({ port: app.config.slack?.port, metricsToken: metricsToken !== undefined }, 'health: GET /healthz and /metrics on the Slack HTTP server (PORT)');
    // That server is as public as Slack's events: say what anyone who finds it can read.
    if (!metricsToken) log.warn('health: /metrics is served without METRICS_TOKEN on the Slack HTTP server, as public as /slack/events: set METRICS_TOKEN, or HEALTH_PORT for a private port');
    return { slackRoutes: routes, watch, close: async () => undefined };
  }
  const server = await startHealthServer(routes, serving).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new ConfigError(`HEALTH_PORT: port ${serving.port} is already in use on ${serving.host}; choose a free port (or leave it unset to serve on the Slack HTTP port)`);
    if (error.code === 'EADDRNOTAVAIL') throw new ConfigError(`HEALTH_HOST: ${serving.host} is not an address of this machine; use 0.0.0.0 (every interface) or 127.0.0.1`);
    throw error;
  });
  log.info({ port: server.port, host: serving.host, metricsToken: metricsToken !== undefined }, 'health: GET /healthz and /metrics on HEALTH_PORT');
  return { port: server.port, watch, close: () => server.close() };
}
