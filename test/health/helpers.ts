import { loadConfig } from '../../src/config.js';
import { serveHealth, type ServedHealth } from '../../src/health/serve.js';
import { createLogger, type Logger } from '../../src/log.js';
import { openApp, startPlatforms, type App, type RunningPlatform } from '../../src/main.js';
import { SAMPLE_NOW } from '../commands/helpers.js';
import { tempSqliteUrl } from '../helpers/store.js';
import { openWebSite, storeSampleDay } from '../../src/web/open.js';
import { webRoutes } from '../../src/web/site.js';

// The app as `ai-trends start` wires it, in this process: config from an environment, the app opened
// with metrics, /healthz and /metrics served where the config says, the configured platforms started.

export interface Observed {
  app: App;
  served: ServedHealth | undefined;
  platforms: RunningPlatform[];
  stop(): Promise<void>;
}

export async function startObserved(env: Record<string, string>, { sample = true, platforms: start = true, log = createLogger('silent'), web = false }: { sample?: boolean; platforms?: boolean; log?: Logger; web?: boolean } = {}): Promise<Observed> {
  // Feeds that refuse at once: a live app whose API fails never reaches www.reddit.com.
  const config = loadConfig({ STORE_URL: tempSqliteUrl('ai-trends-health-'), HEALTH_HOST: '127.0.0.1', REDDIT_FEED_BASE: 'http://127.0.0.1:9', ...env }, '0.0.0-test');
  const app = await openApp(config, { sample, log, observe: true, clock: () => SAMPLE_NOW });
  // `web`: the report's pages beside the endpoints, as `ai-trends start` serves them (WEB_ENABLED).
  const served = await serveHealth(app, log, web ? { web: webRoutes(openWebSite(app)) } : {});
  if (web) await storeSampleDay(app);
  const platforms = start ? await startPlatforms(app, { clock: () => SAMPLE_NOW, log, routes: served?.slackRoutes }) : [];
  served?.watch(platforms);
  let stopped = false;
  return {
    app,
    served,
    platforms,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.allSettled(platforms.map((p) => p.stop(0)));
      await served?.close();
      // A store that went away (a test stopped Redis) may never finish disconnecting: not waited for long.
      await Promise.race([app.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}

/** GET `path` over real HTTP; the body parsed as JSON when it is JSON. */
export async function get(base: string, path: string): Promise<{ status: number; contentType: string; text: string; json?: any }> {
  const response = await fetch(`${base}${path}`);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, text, ...(contentType.startsWith('application/json') ? { json: JSON.parse(text) } : {}) };
}

/** Asks `path` until `accept` holds (the platforms' state changes in the background), or the last answer after `timeoutMs`. */
export async function getUntil(base: string, path: string, accept: (r: Awaited<ReturnType<typeof get>>) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await get(base, path);
    if (accept(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
