import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { carriesBearer } from './bearer-token.js';
import type { HealthChecks } from './checks.js';

// GET /healthz and GET /metrics, as routes one HTTP server serves: the Slack app's own server when it
// listens over HTTP (Bolt's customRoutes take this shape), else a small node:http server of ours.

export interface Route {
  path: string;
  method: 'GET';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** What /metrics serves (PrometheusMetrics; an interface so this file never loads prom-client). */
export interface MetricsText {
  text(): Promise<string>;
  readonly contentType: string;
}

/**
 * `metricsToken`: the bearer token GET /metrics requires (METRICS_TOKEN); unset, it is open like /healthz,
 * unless `public` (the web pages share the server, so anyone who reads them can reach it): then /metrics,
 * which holds costs and counts, is refused until METRICS_TOKEN is set.
 */
export function healthRoutes(health: HealthChecks, metrics: MetricsText, log: Logger, { metricsToken, public: shared = false }: { metricsToken?: string; public?: boolean } = {}): Route[] {
  const failed = (res: ServerResponse, what: string) => (error: unknown) => {
    log.error({ err: error instanceof Error ? error.message : String(error) }, `${what} failed`);
    if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${what} failed; see the log\n`);
  };
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        health
          .check()
          .then((report) => send(res, report.ok ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify({ status: report.ok ? 'ok' : 'down', ...report })}\n`))
          .catch(failed(res, '/healthz'));
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (req, res) => {
        if (metricsToken === undefined && shared) {
          return send(res, 403, 'text/plain; charset=utf-8', '/metrics is not served beside the web pages without METRICS_TOKEN: set it (then Authorization: Bearer <token>), or WEB_ENABLED=false\n');
        }
        if (metricsToken !== undefined && !carriesBearer(req, metricsToken)) {
          res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
          return send(res, 401, 'text/plain; charset=utf-8', '/metrics needs the token METRICS_TOKEN names: Authorization: Bearer <token>\n');
        }
        metrics
          .text()
          .then((text) => send(res, 200, metrics.contentType, text))
          .catch(failed(res, '/metrics'));
      },
    },
  ];
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** Whether `path` is the route's: its segments equal, a `:name` segment standing for any one non-empty segment. */
export function routeMatches(routePath: string, path: string): boolean {
  if (!routePath.includes(':')) return routePath === path;
  const want = routePath.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => (segment.startsWith(':') ? got[i]!.length > 0 : segment === got[i]));
}

/** A node:http server for `routes` on `host:port` (0: any free port); anything else is a 404 naming the routes. */
export async function startHealthServer(routes: Route[], { port, host }: { port: number; host: string }): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => routeMatches(r.path, path));
    if (!route) return send(res, 404, 'text/plain; charset=utf-8', `Not found. This server answers GET ${routes.filter((r) => !r.path.includes(':')).map((r) => r.path).join(' and GET ')}.\n`);
    // HEAD is GET without the body: the route's handler leaves the body out for it.
    if (req.method !== route.method && !(req.method === 'HEAD' && route.method === 'GET')) {
      res.setHeader('Allow', route.method);
      return send(res, 405, 'text/plain; charset=utf-8', `${path} answers ${route.method} only.\n`);
    }
    route.handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}
