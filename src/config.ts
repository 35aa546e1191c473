import { isAbsolute, resolve } from 'node:path';
import type { ClaudeSettings } from './llm/claude.js';
import type { OpenAISettings } from './llm/openai.js';
import type { FeedSettings } from './reddit/feeds/source.js';
import type { DeliverySettings } from './schedule/pass.js';
import type { AlertSettings } from './alerts/settings.js';
import { defaultSubreddits, llmProvider, schema, type Env } from './settings-schema.js';

// All configuration, read once from the environment and validated. A wrong value stops start-up with a
// message naming the variable. Empty variables count as unset, as in most .env files.

export { defaultSubreddits, settingNames, type Env } from './settings-schema.js';

export interface Config {
  reddit: {
    /** REDDIT_SOURCE: which rungs of the source ladder collect the posts (README "Reddit"). */
    source: 'auto' | 'api' | 'feeds' | 'sample';
    credentials?: { clientId: string; clientSecret: string };
    userAgent: string;
    apiBase: string;
    authBase: string;
    subreddits: string[];
    timeoutMs: number;
    /**
     * Per-request timeout of the feeds: REDDIT_TIMEOUT_MS when set, else 4 s, so a network that swallows
     * requests costs seconds before the fallback (`npm start` with no network shows the sample within 10 s).
     */
    feedTimeoutMs: number;
    maxRetries: number;
    maxPages: number;
    /** The largest answer read from Reddit, in bytes. */
    maxResponseBytes: number;
    /** Reddit's public Atom feeds (REDDIT_FEED_*): the rung without API keys. */
    feeds: FeedSettings;
    /** REDDIT_ARCHIVE: the archive that fills numbers of older posts; absent when off (the default). */
    archive?: { name: 'arctic-shift'; base: string };
  };
  /** Absent when ANTHROPIC_API_KEY is not set (or LLM_PROVIDER=openai): the offline analyst and offline answers are used. */
  claude?: ClaudeSettings & {
    /** The model for follow-up answers (ANTHROPIC_FOLLOWUP_MODEL); the analysis model when unset. */
    followupModel: string;
  };
  /** The OpenAI-compatible server, when it is the provider (at most one of `claude` and `openai` is set). */
  openai?: OpenAISettings;
  analysis: {
    language: string;
    enrichPosts: number;
    commentsPerPost: number;
    /** The whole analysis (every request, retry and repair) must end by then (ANALYSIS_DEADLINE_MS). */
    deadlineMs: number;
  };
  followup: {
    userQuestionsPerHour: number;
    channelQuestionsPerHour: number;
    /** Tokens (input + output, cache reads at a tenth) a workspace or guild may spend on answers per UTC day. */
    dailyTokenBudget: number;
    maxAnswerTokens: number;
    /** From the question to the answer's last word (FOLLOWUP_ANSWER_DEADLINE_MS); past it the answer is cut. */
    answerDeadlineMs: number;
  };
  /** The morning posts (src/schedule). */
  delivery: DeliverySettings;
  /** Alerts when a post takes off (src/alerts). */
  alerts: AlertSettings;
  /** What a day whose posts could not be collected gets (DailyReports' fallback). */
  report: {
    /** REPORT_MAX_STALE_DAYS: the oldest stored live report served instead, in days before today. */
    maxStaleDays: number;
    /** MAX_REPORT_VIEWS: distinct views (communities, topics, language, cadence) analysed a day; past it, the offline analysis. */
    maxViews: number;
    /** MAX_COMMUNITIES: the union of configured communities and those subscriptions name, at most. */
    maxCommunities: number;
  };
  /** Absent without DISCORD_TOKEN: no Discord. */
  discord?: DiscordSettings;
  /** Absent without SLACK_BOT_TOKEN: no Slack. */
  slack?: SlackSettings;
  storeUrl: string;
  /** How long a store call may take before it fails (STORE_TIMEOUT_MS). */
  storeTimeoutMs: number;
  logLevel: Env['LOG_LEVEL'];
  /**
   * GET /healthz and /metrics on `port` (HEALTH_PORT); unset: on the Slack HTTP server if it runs, else none.
   * `metricsToken` (METRICS_TOKEN): the bearer token /metrics requires, when set.
   */
  health: { port?: number; host: string; metricsToken?: string };
  /** The report's web pages: served beside /healthz (WEB_ENABLED), and where readers open them (PUBLIC_URL). */
  web: { enabled: boolean; publicUrl?: string };
  /** LOG_FORMAT when set; undefined: pretty on a terminal, JSON otherwise (defaultLogFormat). */
  logFormat?: Env['LOG_FORMAT'];
}

export interface SlackSettings {
  botToken: string;
  /** Socket Mode when set (xapp-…); HTTP on `port` with request signing otherwise. */
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
  adminUserIds: string[];
  /** Paces chat.postMessage evenly under this workspace cap; unset: Slack's 429s and Retry-After pace it. */
  postsPerMinute?: number;
}

export interface DiscordSettings {
  token: string;
  applicationId: string;
  /** Commands are registered in this guild only (instantly) instead of globally. */
  guildId?: string;
  /** REST base including /api (tests, proxies); discord.js's default otherwise. */
  apiBase?: string;
  /** Ask for the privileged MessageContent intent (off: only questions that mention the bot are read). */
  messageContent: boolean;
  /** DISCORD_SHARDS: run one process per shard (discord.js ShardingManager); unset: one client, no sharding. */
  shards?: 'auto' | number;
}

/** `sqlite://./x` (or `sqlite://x`) as `sqlite:///<dir>/x`; absolute paths, :memory: and other stores as they are. */
function inDirectory(storeUrl: string, dir: string | undefined): string {
  const path = /^sqlite:\/\/(.*)$/i.exec(storeUrl)?.[1];
  if (!dir || path === undefined || isAbsolute(path) || path === ':memory:') return storeUrl;
  return `sqlite://${resolve(dir, path)}`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * `baseDir`: the project directory (findProjectDir), where a relative sqlite path in STORE_URL (the default
 * ./data/ai-trends.sqlite among them) is, whichever of its directories the command runs in.
 */
export function loadConfig(environment: NodeJS.ProcessEnv, version: string, { baseDir }: { baseDir?: string } = {}): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'configuration')}: ${issue.message}`);
  }
  const env = parsed.data;
  return {
    reddit: {
      source: env.REDDIT_SOURCE,
      credentials: env.REDDIT_CLIENT_ID && env.REDDIT_CLIENT_SECRET ? { clientId: env.REDDIT_CLIENT_ID, clientSecret: env.REDDIT_CLIENT_SECRET } : undefined,
      userAgent: env.REDDIT_USER_AGENT ?? `node:ai-trends:${version} (by /u/${env.REDDIT_USERNAME ?? 'ai-trends-bot'})`,
      apiBase: env.REDDIT_API_BASE,
      authBase: env.REDDIT_AUTH_BASE,
      subreddits: env.REDDIT_SUBREDDITS,
      timeoutMs: env.REDDIT_TIMEOUT_MS ?? 15_000,
      feedTimeoutMs: env.REDDIT_TIMEOUT_MS ?? 4_000,
      maxRetries: env.REDDIT_MAX_RETRIES,
      maxPages: env.REDDIT_MAX_PAGES,
      maxResponseBytes: env.REDDIT_MAX_RESPONSE_BYTES,
      feeds: {
        base: env.REDDIT_FEED_BASE,
        maxRequests: env.REDDIT_FEED_MAX_REQUESTS,
        minIntervalMs: env.REDDIT_FEED_MIN_INTERVAL_MS,
        ...(env.REDDIT_FEED_TOKEN && env.REDDIT_USERNAME ? { token: { feed: env.REDDIT_FEED_TOKEN, user: env.REDDIT_USERNAME } } : {}),
      },
      ...(env.REDDIT_ARCHIVE === 'arctic-shift' ? { archive: { name: 'arctic-shift' as const, base: env.ARCTIC_SHIFT_BASE } } : {}),
    },
    claude: env.ANTHROPIC_API_KEY && llmProvider(env) === 'anthropic'
      ? {
          apiKey: env.ANTHROPIC_API_KEY,
          baseURL: env.ANTHROPIC_BASE_URL,
          model: env.ANTHROPIC_MODEL,
          followupModel: env.ANTHROPIC_FOLLOWUP_MODEL ?? env.ANTHROPIC_MODEL,
          timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
          maxRetries: env.ANTHROPIC_MAX_RETRIES,
          priceOverride: env.ANTHROPIC_PRICES_USD_PER_MTOK,
        }
      : undefined,
    openai:
      llmProvider(env) === 'openai' && env.OPENAI_BASE_URL && env.OPENAI_MODEL
        ? {
            baseURL: env.OPENAI_BASE_URL,
            apiKey: env.OPENAI_API_KEY,
            model: env.OPENAI_MODEL,
            contextTokens: env.OPENAI_CONTEXT_TOKENS,
            timeoutMs: env.OPENAI_TIMEOUT_MS,
            maxRetries: env.OPENAI_MAX_RETRIES,
            promptTokensPerSecond: env.OPENAI_PROMPT_TOKENS_PER_SECOND,
            price: env.OPENAI_PRICE_INPUT !== undefined && env.OPENAI_PRICE_OUTPUT !== undefined ? { input: env.OPENAI_PRICE_INPUT, output: env.OPENAI_PRICE_OUTPUT } : undefined,
          }
        : undefined,
    analysis: {
      language: env.REPORT_LANGUAGE,
      enrichPosts: env.ANALYSIS_ENRICH_POSTS,
      commentsPerPost: env.ANALYSIS_COMMENTS_PER_POST,
      deadlineMs: env.ANALYSIS_DEADLINE_MS,
    },
    followup: {
      userQuestionsPerHour: env.FOLLOWUP_USER_QUESTIONS_PER_HOUR,
      channelQuestionsPerHour: env.FOLLOWUP_CHANNEL_QUESTIONS_PER_HOUR,
      dailyTokenBudget: env.FOLLOWUP_DAILY_TOKEN_BUDGET,
      maxAnswerTokens: env.FOLLOWUP_MAX_ANSWER_TOKENS,
      answerDeadlineMs: env.FOLLOWUP_ANSWER_DEADLINE_MS,
    },
    delivery: {
      graceMs: env.DELIVERY_GRACE_HOURS * 3_600_000,
      prepareMs: env.REPORT_PREPARE_MINUTES * 60_000,
      concurrency: env.DELIVERY_CONCURRENCY,
      claimTtlMs: env.DELIVERY_CLAIM_SECONDS * 1000,
    },
    alerts: { pollMs: env.ALERT_POLL_MINUTES * 60_000, perDay: env.ALERTS_PER_DAY },
    report: { maxStaleDays: env.REPORT_MAX_STALE_DAYS, maxViews: env.MAX_REPORT_VIEWS, maxCommunities: env.MAX_COMMUNITIES },
    discord:
      env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID
        ? {
            token: env.DISCORD_TOKEN,
            applicationId: env.DISCORD_APPLICATION_ID,
            guildId: env.DISCORD_GUILD_ID,
            apiBase: env.DISCORD_API_BASE,
            messageContent: env.DISCORD_MESSAGE_CONTENT === 'true',
            ...(env.DISCORD_SHARDS !== undefined ? { shards: env.DISCORD_SHARDS } : {}),
          }
        : undefined,
    slack: env.SLACK_BOT_TOKEN
      ? {
          botToken: env.SLACK_BOT_TOKEN,
          appToken: env.SLACK_APP_TOKEN,
          signingSecret: env.SLACK_SIGNING_SECRET,
          apiUrl: env.SLACK_API_URL ? `${env.SLACK_API_URL}/` : undefined,
          port: env.PORT,
          adminUserIds: env.SLACK_ADMIN_USER_IDS ?? [],
          postsPerMinute: env.SLACK_POSTS_PER_MINUTE,
        }
      : undefined,
    storeUrl: inDirectory(env.STORE_URL, baseDir),
    storeTimeoutMs: env.STORE_TIMEOUT_MS,
    logLevel: env.LOG_LEVEL,
    health: { port: env.HEALTH_PORT, host: env.HEALTH_HOST, ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}) },
    web: { enabled: env.WEB_ENABLED === 'true', ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}) },
    logFormat: env.LOG_FORMAT,
  };
}
