import { checkSubreddits } from './reddit/subreddits.js';
import { communitiesWanted } from './report/view.js';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandServices } from '../commands/index.js';
import type { ChatAdapter } from './chat/adapter.js';
import type { ChatTarget } from './chat/target.js';
import type { PassDeps } from './schedule/pass.js';
import { createAnalysisStep } from './analysis/analyze.js';
import type { Config } from './config.js';
import { FollowUps } from './followup/index.js';
import type { Claude } from './llm/claude.js';
import type { OpenAICompatible } from './llm/openai.js';
import type { Logger } from './log.js';
import { priceOf } from './llm/prices.js';
import type { PartStatus } from './health/checks.js';
import type { Route } from './health/http.js';
import type { PrometheusMetrics } from './metrics/prometheus.js';
import { healthServing } from './health/serve.js';
import { prepareShortfall } from './schedule/prepare-budget.js';
import { countBuiltReports } from './report/count-step.js';
import { RedditClient } from './reddit/client.js';
import { apiPostDetails, type PostDetailsSource } from './reddit/post-details.js';
import { arcticShift } from './reddit/archive/arctic-shift.js';
import { withArchive } from './reddit/archive/with-archive.js';
import { DailyReports } from './report/daily.js';
import { SourceLadder } from './report/ladder.js';
import { createPickStep } from './report/pick-step.js';
import { SampleAnalysisRetry } from './report/sample-retry.js';
import { redditSource, sampleSource, type PostSource } from './report/source.js';
import { createFeedsSource } from './reddit/feeds/source.js';
import { openStore, type Store } from './store/store.js';
import type { FeedClient } from './reddit/feeds/client.js';
import type { WatcherDeps } from './alerts/watcher.js';
import { renderChartPngApart } from './render/chart-png-apart.js';
import { storedChartPng } from './render/stored-chart-png.js';

// The one place that wires concrete parts together: config → store → clients → report service.

export interface App {
  config: Config;
  /** The bundled sample day (`--sample`, REDDIT_SOURCE=sample): its own store scope and its fixed `now`. */
  sample: boolean;
  store: Store;
  source: PostSource;
  /** The live rungs (absent with the sample): what /healthz says about them (a refused key). */
  ladder?: SourceLadder;
  reports: DailyReports;
  reddit?: RedditClient;
  /** The public feeds' client, when the ladder has that rung (the alert watcher reads through it, under its pacer). */
  feeds?: FeedClient;
  /** Bodies and comments of posts, from the live source (absent with the sample). */
  details?: PostDetailsSource;
  /** Absent without ANTHROPIC_API_KEY: offline analysis and answers. */
  claude?: Claude;
  /** An OpenAI-compatible server (OPENAI_BASE_URL), when it is the provider instead of Claude. */
  openai?: OpenAICompatible;
  /** Answers questions in threads under a report (Claude, or offline without a key). */
  followUps: FollowUps;
  /** Set when the process serves /metrics (`observe`); the core's hooks are skipped without it. */
  metrics?: PrometheusMetrics;
  log: Logger;
  close(): Promise<void>;
}

export class MissingCredentialsError extends Error {
  override name = 'MissingCredentialsError';
}

export interface AppOptions {
  /** Use the bundled sample snapshot instead of Reddit (also REDDIT_SOURCE=sample). */
  sample: boolean;
  /**
   * One-line notices for a person at a terminal (a refused key, a fallback to the stale day or the sample),
   * instead of log lines: `ai-trends report` and the terminal chat. Absent (a bot): the log.
   */
  notice?: (line: string) => void;
  log: Logger;
  /** The wall clock for rate limits and thread turns (the sample's fixed `now` would freeze the limits). */
  clock?: () => Date;
  /** Count metrics when the config serves them (`ai-trends start`); prom-client is loaded only then. */
  observe?: boolean;
}

export async function openApp(config: Config, { sample: sampleAsked, log, clock = () => new Date(), observe = false, notice }: AppOptions): Promise<App> {
  const sample = sampleAsked || config.reddit.source === 'sample';
  const credentials = config.reddit.credentials;
  if (!sample && config.reddit.source === 'api' && !credentials) {
    throw new MissingCredentialsError('REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET are not set: add them to .env (see README) or use --sample');
  }
  const metrics = observe && healthServing(config) ? new (await import('./metrics/prometheus.js')).PrometheusMetrics() : undefined;
  let reddit: RedditClient | undefined;
  if (!sample && credentials && config.reddit.source !== 'feeds') {
    reddit = new RedditClient({
      credentials,
      userAgent: config.reddit.userAgent,
      apiBase: config.reddit.apiBase,
      authBase: config.reddit.authBase,
      timeoutMs: config.reddit.timeoutMs,
      maxRetries: config.reddit.maxRetries,
      maxResponseBytes: config.reddit.maxResponseBytes,
      onWait: (ms, why) => log.info({ waitMs: ms }, `reddit: waiting: ${why}`),
      metrics,
    });
  }
  const store = await openStore(config.storeUrl, sample ? 'sample' : 'live', { timeoutMs: config.storeTimeoutMs });
  const tell = (line: string) => (notice ? notice(line) : log.warn(line));
  const rungs = sample ? undefined : sourceLadder(config, { reddit, store, log, clock, tell });
  const ladder = rungs?.ladder;
  // REDDIT_ARCHIVE: numbers of older posts the rungs lack, from a third-party archive (a no-op for a rung with numbers).
  const source = ladder ? (config.reddit.archive ? withArchive(ladder, arcticShift({ ...config.reddit, base: config.reddit.archive.base })) : ladder) : sampleSource();
  const details = ladder?.details;
  // One provider writes analyses and answers: config sets at most one of the two.
  // Each SDK (Anthropic's about 12 MiB of RSS, openai's about 14) is loaded only when it is used.
  const claude = config.claude ? (await import('./llm/claude.js')).createClaude(config.claude) : undefined;
  const openai = config.openai ? (await import('./llm/openai.js')).createOpenAI(config.openai, log) : undefined;
  if (claude) log.info({ provider: 'anthropic', model: claude.settings.model }, 'llm: Claude writes the analysis and answers');
  else if (openai) log.info({ provider: 'openai', model: openai.settings.model, baseURL: openai.settings.baseURL, contextTokens: openai.settings.contextTokens }, 'llm: an OpenAI-compatible server writes the analysis and answers');
  const analysis = createAnalysisStep({ store, details, claude, openai, settings: config.analysis, log });
  const llm = claude ? { provider: 'anthropic', model: claude.settings.model } : openai ? { provider: 'openai', model: openai.settings.model } : undefined;
  const counted = metrics ? [countBuiltReports(metrics, llm)] : [];
  // The pick's context first (configured communities, usual top points): the analysis leads with the pick.
  const pick = createPickStep({ reports: store.reports, communities: config.reddit.subreddits });
  // The sample's stand-in report is analysed without Reddit: the live source has just failed.
  const sampleAnalysis = createAnalysisStep({ store, claude, openai, settings: config.analysis, log });
  // The stored sample report, when its analysis is the automatic one although a model is configured now, is
  // built again once per process instead of repeating an old "could not be reached" on every start.
  const sampleRetry = new SampleAnalysisRetry(Boolean(claude || openai));
  const fallbacks = ladder ? { maxStaleDays: config.report.maxStaleDays, sampleSteps: [pick, sampleAnalysis, ...counted], onFallback: ({ line }: { line: string }) => tell(line), sampleRetry } : undefined;
  const reports = new DailyReports(store, source, [pick, analysis, ...counted], {}, fallbacks, sampleRetry, { maxViews: config.report.maxViews, dayCommunities: sample ? undefined : config.reddit.subreddits });
  // The same client (one connection pool, one retry policy) with the follow-up model. The price override is
  // for a model the table does not know: another follow-up model is priced by the table when it is there.
  const followUpClaude = claude && config.claude ? { ...claude, settings: { ...claude.settings, model: config.claude.followupModel, priceOverride: followUpPrice(config.claude) } } : undefined;
  const followUps = new FollowUps({ store, claude: followUpClaude, openai, details, limits: config.followup, clock, log, metrics });
  return { config, sample, store, source, ladder, reports, reddit, feeds: rungs?.feeds, details, claude, openai, followUps, metrics, log, close: () => store.close() };
}

/**
 * The live rungs REDDIT_SOURCE asks for: the API (when its client was made: credentials set, mode not
 * `feeds`) and the public feeds (unless `api`), with a feeds timeout short enough that a network that
 * swallows requests costs seconds before the fallback.
 */
function sourceLadder(config: Config, { reddit, store, log, clock, tell }: { reddit?: RedditClient; store: Store; log: Logger; clock: () => Date; tell: (line: string) => void }): { ladder: SourceLadder; feeds?: FeedClient } {
  const { reddit: settings } = config;
  const mode = settings.source === 'sample' ? 'auto' : settings.source;
  // The day's one collection reads the union of the communities the subscriptions want (issue 20).
  const wanted = () => communitiesWanted(settings.subreddits, store, config.report.maxCommunities);
  const api = reddit ? { source: redditSource(reddit, wanted, store.subreddits, settings.maxPages), details: apiPostDetails(reddit) } : undefined;
  const feeds =
    mode === 'api'
      ? undefined
      : createFeedsSource({
          settings: settings.feeds,
          subreddits: wanted,
          userAgent: settings.userAgent,
          timeoutMs: settings.feedTimeoutMs,
          maxResponseBytes: settings.maxResponseBytes,
          onWait: (ms, why) => log.info({ waitMs: ms }, `reddit feeds: waiting: ${why}`),
        });
  const ladder = new SourceLadder({ mode, api, feeds, onRefused: tell, secrets: settings.feeds.token ? [settings.feeds.token.feed] : [], clock });
  return { ladder, feeds: feeds?.client };
}

function followUpPrice({ model, followupModel, priceOverride }: NonNullable<Config['claude']>) {
  return followupModel !== model && priceOf(followupModel) ? undefined : priceOverride;
}

/** What the chat commands use, from the wired app. */
export function commandServices(app: App): CommandServices {
  const reddit = app.reddit;
  // A community outside the configured ones is checked as the collection checks them (/about, cached).
  const checkCommunity: CommandServices['checkCommunity'] = reddit
    ? async (name) => {
        const checked = await checkSubreddits(reddit, [name], app.store.subreddits, new Date());
        return checked.readable[0] ? { ok: true, name: checked.readable[0] } : { ok: false, reason: checked.warnings[0]?.replace(/^r\/\S+ skipped: /, '') ?? 'not readable' };
      }
    : undefined;
  return { reports: app.reports, store: app.store, communities: app.config.reddit.subreddits, metrics: app.metrics, log: app.log, publicUrl: app.config.web.publicUrl, checkCommunity, maxCommunities: app.config.report.maxCommunities, alertsPerDay: app.config.alerts.perDay };
}

/** A chat platform running in this process. */
export interface RunningPlatform {
  name: 'discord' | 'slack';
  /** How the core posts there (the morning posts). */
  chat: ChatAdapter;
  /** False for a target this process does not serve (a guild of another Discord shard); absent: all of them. */
  owns?(target: ChatTarget): boolean;
  /** Lets answers in flight finish (or cuts them with a note after `graceMs`), then disconnects. */
  stop(graceMs?: number): Promise<void>;
  /** Connected or not, for /healthz. */
  status(): PartStatus;
}

export interface StartPlatformsOptions {
  clock: () => Date;
  log: Logger;
  listen?: boolean;
  /** Only these of the configured platforms (a sharded bot runs Discord in the shard processes only). */
  only?: ReadonlyArray<RunningPlatform['name']>;
  /** /healthz and /metrics, served by the Slack HTTP server when it is the one server. */
  routes?: Route[];
}

/**
 * Starts every chat platform whose credentials are set, on the one store and app. The adapters are
 * loaded only when configured, so the terminal and the CLI never load a chat SDK.
 */
export async function startPlatforms(app: App, { clock, log, listen = true, only, routes }: StartPlatformsOptions): Promise<RunningPlatform[]> {
  const wanted = (name: RunningPlatform['name']) => !only || only.includes(name);
  const starting: Array<Promise<RunningPlatform>> = [];
  // One drawing of the day's chart for every process on the store (shards, restarts, `deliver` runs).
  const renderChart = storedChartPng(app.store.chartPngs, renderChartPngApart);
  // Side by side: Discord's gateway handshake is mostly waiting, Slack's start mostly loading Bolt.
  if (app.config.discord && wanted('discord')) {
    const settings = app.config.discord;
    starting.push(
      (async () => {
        const { startDiscord } = await import('../adapters/discord/bot.js');
        // A shard process: its manager registered the commands once for all shards.
        const deploy = listen && settings.shards === undefined;
        const bot = await startDiscord({ settings, services: commandServices(app), followUps: app.followUps, store: app.store, clock, log, listen, deploy, renderChart });
        return { name: 'discord', chat: bot.chat, owns: bot.owns, stop: (graceMs) => bot.stop(graceMs), status: () => bot.status() } satisfies RunningPlatform;
      })(),
    );
  }
  if (app.config.slack && wanted('slack')) {
    const settings = app.config.slack;
    starting.push(
      (async () => {
        const { createSlackBot } = await import('../adapters/slack/bot.js');
        const bot = createSlackBot({ ...settings, services: commandServices(app), followUps: app.followUps, store: app.store, clock, log, routes, renderChart });
        if (listen) {
          const port = await bot.start(settings.port);
          log.info({ mode: settings.appToken ? 'socket' : `http on port ${port}, /slack/events` }, 'slack: connected');
        }
        // A process that only posts needs the Web API client alone: nothing to stop but that.
        return { name: 'slack', chat: bot.chat, stop: (graceMs) => (listen ? bot.stop(graceMs) : Promise.resolve()), status: () => bot.status() } satisfies RunningPlatform;
      })(),
    );
  }
  const settled = await Promise.allSettled(starting);
  const running = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  // One that failed stops the others (the first failure, Discord's before Slack's, is the one said).
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.allSettled(running.map((platform) => platform.stop(0)));
    throw failed.reason;
  }
  return running;
}

/**
 * What the morning posts need from the wired app: its store and reports, and the platforms running here.
 * The bundled sample is one fixed day, so its report is asked at the sample's own `now`.
 */
export function morningPostDeps(app: App, platforms: RunningPlatform[], { log, sampleNow }: { log: Logger; sampleNow?: Date }): PassDeps {
  const shortfall = app.sample ? undefined : prepareShortfall(app.config);
  if (shortfall) log.warn(shortfall);
  return {
    store: app.store,
    reports: app.reports,
    chats: Object.fromEntries(platforms.map((p) => [p.name, p.chat])),
    bindThread: app.followUps.bindReportThread,
    settings: app.config.delivery,
    owner: randomUUID(),
    // A Discord shard posts only its own guilds' channels: its client knows no other guild (discord.js
    // cannot even fetch such a channel, which would look deleted and pause the subscription). The claims
    // still keep every post to one process.
    owns: (target) => platforms.find((p) => p.name === target.platform)?.owns?.(target) ?? true,
    log,
    metrics: app.metrics,
    publicUrl: app.config.web.publicUrl,
    ...(sampleNow ? { reportNow: () => sampleNow } : {}),
  };
}

/**
 * DISCORD_SHARDS: the Discord bot as one process per shard (discord.js's ShardingManager), each running
 * src/shard.ts. The shard file sits beside this module, as .ts under tsx (tests, the bench) and .js in a
 * compiled build, so its path and the TypeScript loader follow from how this module itself is running.
 */
export async function startDiscordShards(app: App, { log }: { log: Logger }) {
  const settings = app.config.discord;
  if (settings?.shards === undefined) throw new Error('startDiscordShards: DISCORD_SHARDS is not set');
  const extension = extname(fileURLToPath(import.meta.url));
  const script = fileURLToPath(new URL(`./shard${extension}`, import.meta.url));
  const execArgv = [...process.execArgv, ...(extension === '.ts' ? ['--import', import.meta.resolve('tsx')] : [])];
  const { startDiscordShards: start } = await import('../adapters/discord/shards.js');
  return start({ settings: { ...settings, shards: settings.shards }, store: app.store, script, execArgv, log });
}

/**
 * What the alert watcher needs from the wired app: the API client (REDDIT_SOURCE api, or auto with
 * credentials), else the feeds' client; the platforms running here. The sample has neither: no alerts.
 */
export function alertWatcherDeps(app: App, morning: PassDeps): WatcherDeps {
  const api = app.config.reddit.source !== 'feeds' ? app.reddit : undefined;
  return {
    store: app.store,
    reddit: app.sample ? undefined : api,
    feeds: app.sample || api ? undefined : app.feeds,
    communities: app.config.reddit.subreddits,
    chats: morning.chats,
    owns: morning.owns,
    bindThread: morning.bindThread,
    settings: app.config.alerts,
    owner: morning.owner,
    claimTtlMs: morning.settings.claimTtlMs,
    log: morning.log,
  };
}
