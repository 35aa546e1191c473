import { randomUUID } from 'node:crypto';
import type { CommandServices } from '../commands/index.js';
import type { ChatAdapter } from './chat/adapter.js';
import type { PassDeps } from './schedule/pass.js';
import { createAnalysisStep } from './analysis/analyze.js';
import type { Config } from './config.js';
import { FollowUps } from './followup/index.js';
import { createClaude, type Claude } from './llm/claude.js';
import type { OpenAICompatible } from './llm/openai.js';
import type { Logger } from './log.js';
import { RedditClient } from './reddit/client.js';
import { DailyReports } from './report/daily.js';
import { redditSource, sampleSource, type PostSource } from './report/source.js';
import { openStore, type Store } from './store/store.js';

// The one place that wires concrete parts together: config → store → clients → report service.

export interface App {
  config: Config;
  store: Store;
  source: PostSource;
  reports: DailyReports;
  reddit?: RedditClient;
  /** Absent without ANTHROPIC_API_KEY: offline analysis and answers. */
  claude?: Claude;
  /** An OpenAI-compatible server (OPENAI_BASE_URL), when it is the provider instead of Claude. */
  openai?: OpenAICompatible;
  /** Answers questions in threads under a report (Claude, or offline without a key). */
  followUps: FollowUps;
  close(): Promise<void>;
}

export class MissingCredentialsError extends Error {
  override name = 'MissingCredentialsError';
}

export interface AppOptions {
  /** Use the bundled sample snapshot instead of Reddit. */
  sample: boolean;
  log: Logger;
  /** The wall clock for rate limits and thread turns (the sample's fixed `now` would freeze the limits). */
  clock?: () => Date;
}

export async function openApp(config: Config, { sample, log, clock = () => new Date() }: AppOptions): Promise<App> {
  let reddit: RedditClient | undefined;
  if (!sample) {
    const credentials = config.reddit.credentials;
    if (!credentials) {
      throw new MissingCredentialsError('REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET are not set: add them to .env (see README) or use --sample');
    }
    reddit = new RedditClient({
      credentials,
      userAgent: config.reddit.userAgent,
      apiBase: config.reddit.apiBase,
      authBase: config.reddit.authBase,
      timeoutMs: config.reddit.timeoutMs,
      maxRetries: config.reddit.maxRetries,
      maxResponseBytes: config.reddit.maxResponseBytes,
      onWait: (ms, why) => log.info({ waitMs: ms }, `reddit: waiting: ${why}`),
    });
  }
  const store = await openStore(config.storeUrl, sample ? 'sample' : 'live');
  const source = reddit ? redditSource(reddit, config.reddit.subreddits, store.subreddits, config.reddit.maxPages) : sampleSource();
  // One provider writes analyses and answers: config sets at most one of the two.
  const claude = config.claude ? createClaude(config.claude) : undefined;
  // The openai package is loaded only when it is used.
  const openai = config.openai ? (await import('./llm/openai.js')).createOpenAI(config.openai) : undefined;
  if (claude) log.info({ provider: 'anthropic', model: claude.settings.model }, 'llm: Claude writes the analysis and answers');
  else if (openai) log.info({ provider: 'openai', model: openai.settings.model, baseURL: openai.settings.baseURL, contextTokens: openai.settings.contextTokens }, 'llm: an OpenAI-compatible server writes the analysis and answers');
  const analysis = createAnalysisStep({ store, reddit, claude, openai, settings: config.analysis, log });
  const reports = new DailyReports(store, source, [analysis]);
  const followUps = new FollowUps({ store, claude, openai, reddit, limits: config.followup, clock, log });
  return { config, store, source, reports, reddit, claude, openai, followUps, close: () => store.close() };
}

/** What the chat commands use, from the wired app. */
export function commandServices(app: App): CommandServices {
  return { reports: app.reports, store: app.store, communities: app.config.reddit.subreddits };
}

/** A chat platform running in this process. */
export interface RunningPlatform {
  name: 'discord' | 'slack';
  /** How the core posts there (the morning posts). */
  chat: ChatAdapter;
  /** Lets answers in flight finish (or cuts them with a note after `graceMs`), then disconnects. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts every chat platform whose credentials are set, on the one store and app. The adapters are
 * loaded only when configured, so the terminal and the CLI never load a chat SDK.
 */
export async function startPlatforms(app: App, { clock, log, listen = true }: { clock: () => Date; log: Logger; listen?: boolean }): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  try {
    if (app.config.discord) {
      const { startDiscord } = await import('../adapters/discord/start.js');
      const bot = await startDiscord({ settings: app.config.discord, services: commandServices(app), followUps: app.followUps, store: app.store, clock, log, listen });
      running.push({ name: 'discord', chat: bot.chat, stop: (graceMs) => bot.stop(graceMs) });
    }
    if (app.config.slack) {
      const { createSlackApp } = await import('../adapters/slack/app.js');
      const settings = app.config.slack;
      const bot = createSlackApp({ ...settings, services: commandServices(app), followUps: app.followUps, store: app.store, clock, log });
      if (listen) {
        const port = await bot.start(settings.port);
        log.info({ mode: settings.appToken ? 'socket' : `http on port ${port}, /slack/events` }, 'slack: connected');
      }
      // A process that only posts needs the Web API client alone: nothing to stop but that.
      running.push({ name: 'slack', chat: bot.chat, stop: (graceMs) => (listen ? bot.stop(graceMs) : Promise.resolve()) });
    }
  } catch (error) {
    await Promise.allSettled(running.map((platform) => platform.stop(0)));
    throw error;
  }
  return running;
}

/**
 * What the morning posts need from the wired app: its store and reports, and the platforms running here.
 * The bundled sample is one fixed day, so its report is asked at the sample's own `now`.
 */
export function morningPostDeps(app: App, platforms: RunningPlatform[], { log, sampleNow }: { log: Logger; sampleNow?: Date }): PassDeps {
  return {
    store: app.store,
    reports: app.reports,
    chats: Object.fromEntries(platforms.map((p) => [p.name, p.chat])),
    bindThread: (thread, reportDate) => app.followUps.bindThread({ target: thread, reportDate }),
    settings: app.config.delivery,
    owner: randomUUID(),
    log,
    ...(sampleNow ? { reportNow: () => sampleNow } : {}),
  };
}
