import { ConfigError } from '../config.js';
import { startHealthServer } from '../health/http.js';
import { openWebSite, storeSampleDay } from '../web/open.js';
import { webRoutes } from '../web/site.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { noPositionals, parseCommand, type CommandSpec } from './spec.js';

export const serveSpec = {
  name: 'serve',
  summary: 'Serve the stored reports as web pages (today, the archive, search, an Atom feed); no chat platform needed.',
  options: [{ name: 'sample', type: 'boolean', description: 'serve the bundled sample day (2026-02-11): no network, no keys' }],
  notes: [
    'Listens on HEALTH_HOST (default 127.0.0.1) and HEALTH_PORT (default 8080). Stop with Ctrl-C.',
    'It serves what the store holds: `ai-trends report` (or the running bot) stores a report each day.',
  ],
} as const satisfies CommandSpec;

/** The default port of `serve` when HEALTH_PORT is unset. */
export const SERVE_PORT = 8080;

export async function serveCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(serveSpec, args);
  noPositionals(serveSpec, positionals);
  const { app } = await openLiveOrSample(context, values.sample);
  try {
    if (!app.config.web.enabled) throw new ConfigError('WEB_ENABLED=false turns the web pages off: unset it to serve them');
    await storeSampleDay(app);
    const site = openWebSite(app, { clock: context.clock });
    const { host, port = SERVE_PORT } = app.config.health;
    const server = await startHealthServer(webRoutes(site), { host, port }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new ConfigError(`HEALTH_PORT: port ${port} is already in use on ${host}; choose a free port`);
      if (error.code === 'EADDRNOTAVAIL') throw new ConfigError(`HEALTH_HOST: ${host} is not an address of this machine; use 0.0.0.0 (every interface) or 127.0.0.1`);
      throw error;
    });
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    context.stdout.write(`Serving the reports on http://${shown}:${server.port}/ (Ctrl-C stops)\n`);
    context.log.info({ host, port: server.port }, 'web: serving the report pages');
    const signal = await context.stopSignal();
    context.log.info({ signal }, 'stopping');
    await server.close();
    return 0;
  } finally {
    await app.close();
  }
}
