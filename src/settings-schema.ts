import { z } from 'zod';
import { parsePriceOverride } from './llm/prices.js';

// The environment's settings, one zod rule each: names, defaults, accepted values and the message a wrong
// value stops start-up with. src/config.ts turns the parsed values into the Config the program uses.

export const defaultSubreddits = [
  'LocalLLaMA',
  'MachineLearning',
  'singularity',
  'LocalLLM',
  'hackernews',
  'LangChain',
  'LLMDevs',
  'vectordatabase',
  'Rag',
  'AI_Agents',
  'datascience',
];

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
// Credentials in a base URL would be printed in every error and log line that names it: refused.
const url = z
  .url({ protocol: /^https?$/ })
  .refine((u) => !new URL(u).username && !new URL(u).password, 'must not contain a user name or password (user:pass@host): it would end up in logs')
  .transform((u) => u.replace(/\/+$/, ''));
const usdPerMTok = z.coerce.number('USD per million tokens, a number such as 0.15').min(0, 'USD per million tokens, 0 or more');
const subredditName = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;
/** A whole number in [min, max], with a message naming what is accepted. */
const wholeNumber = (min: number, max: number, what: string) => {
  const message = `${what}: a whole number from ${min} to ${max}`;
  return z.coerce.number(message).int(message).min(min, message).max(max, message);
};

export const schema = z
  .object({
    // The source ladder (README "Reddit"): auto = the API with credentials, else the public feeds.
    REDDIT_SOURCE: z.enum(['auto', 'api', 'feeds', 'sample'], 'auto (the API with REDDIT_CLIENT_ID/SECRET, else the public feeds), api, feeds or sample').default('auto'),
    REDDIT_CLIENT_ID: z.string().optional(),
    REDDIT_CLIENT_SECRET: z.string().optional(),
    REDDIT_USERNAME: z.string().regex(/^[A-Za-z0-9_-]{3,20}$/, 'a Reddit username (3–20 letters, digits, _ or -)').optional(),
    REDDIT_USER_AGENT: z.string().min(10).optional(),
    REDDIT_API_BASE: url.default('https://oauth.reddit.com'),
    REDDIT_AUTH_BASE: url.default('https://www.reddit.com'),
    REDDIT_SUBREDDITS: z
      .string()
      .transform((list) => list.split(',').map((s) => s.trim().replace(/^\/?r\//i, '')).filter(Boolean))
      .pipe(z.array(z.string().regex(subredditName, 'subreddit names of letters, digits and _, separated by commas')).min(1))
      .default(defaultSubreddits),
    // Unset: 15 s for the API, 4 s for the public feeds (below).
    REDDIT_TIMEOUT_MS: integer(1_000, 120_000).optional(),
    REDDIT_MAX_RETRIES: integer(0, 10).default(3),
    REDDIT_MAX_PAGES: integer(1, 20).default(10),
    REDDIT_MAX_RESPONSE_BYTES: integer(64 * 1024, 512 * 1024 * 1024).default(8 * 1024 * 1024),
    // Reddit's public Atom feeds (no API keys): where, how many requests a report, how far apart, and the
    // optional private feed token (reddit.com/prefs/feeds) reported to lift the logged-out throttle.
    REDDIT_FEED_BASE: url.default('https://www.reddit.com'),
    // At least the three top feeds (day, week, month) a report cannot do without.
    REDDIT_FEED_MAX_REQUESTS: wholeNumber(3, 500, 'requests to the public feeds per report (the three top feeds need 3)').default(20),
    // 6 s: 10 requests a minute, the most reported for logged-out feeds; Reddit's headers slow it further.
    REDDIT_FEED_MIN_INTERVAL_MS: wholeNumber(1_000, 600_000, 'milliseconds between two requests to the public feeds').default(6_000),
    REDDIT_FEED_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,200}$/, 'the private feed token from reddit.com/prefs/feeds (the value after feed= in one of its RSS links: letters, digits, _ or -)')
      .optional(),
    // A third-party archive that fills points and comments of older posts when the source lacks them.
    REDDIT_ARCHIVE: z.enum(['arctic-shift', 'off'], 'arctic-shift (points and comments of posts older than 36 h from the Arctic Shift archive) or off').default('off'),
    ARCTIC_SHIFT_BASE: url.default('https://arctic-shift.photon-reddit.com'),
    STORE_URL: z
      .string()
      .regex(/^(sqlite|redis|rediss|postgres|postgresql):\/\/.+/i, 'sqlite://path, redis://… or postgres://…')
      .default('sqlite://./data/ai-trends.sqlite'),
    // Each read, write and claim fails after this (a Redis that went away, a server that never answers):
    // a command then says the store is unavailable instead of waiting for ever.
    STORE_TIMEOUT_MS: integer(100, 120_000).default(5_000),
    ANTHROPIC_API_KEY: z.string().optional(),
    ANTHROPIC_BASE_URL: url.optional(),
    // A current Sonnet-class model (the SDK's list, November 2026); ids change fast, so it is config.
    ANTHROPIC_MODEL: z.string().regex(/^[a-z0-9][a-z0-9.:@/_-]{2,100}$/, 'a model id such as claude-sonnet-5-5').default('claude-sonnet-5-5'),
    // Follow-up answers are short and many: a cheaper model often does (README: the trade-off in figures).
    ANTHROPIC_FOLLOWUP_MODEL: z.string().regex(/^[a-z0-9][a-z0-9.:@/_-]{2,100}$/, 'a model id such as claude-haiku-5-5').optional(),
    ANTHROPIC_TIMEOUT_MS: integer(1_000, 600_000).default(120_000),
    ANTHROPIC_MAX_RETRIES: integer(0, 10).default(2),
    ANTHROPIC_PRICES_USD_PER_MTOK: z
      .string()
      .transform((value, ctx) => {
        try {
          return parsePriceOverride(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
    // Any OpenAI-compatible server (Ollama, llama.cpp, vLLM, LM Studio, a hosted API), or Claude; see llmProvider.
    LLM_PROVIDER: z.enum(['anthropic', 'openai'], 'anthropic or openai').optional(),
    OPENAI_BASE_URL: url.optional(),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_MODEL: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.:@/_+-]{0,200}$/, 'a model id as the server names it, such as qwen3:8b (`ollama list` shows them)').optional(),
    OPENAI_CONTEXT_TOKENS: integer(2_048, 10_000_000).default(16_384),
    OPENAI_TIMEOUT_MS: integer(1_000, 3_600_000).default(300_000),
    OPENAI_MAX_RETRIES: integer(0, 10).default(1),
    // The slowest prompt reading to wait for: a CPU reads a long prompt for minutes before its first token.
    OPENAI_PROMPT_TOKENS_PER_SECOND: wholeNumber(1, 100_000, 'tokens a second the server reads a prompt at, at the slowest (a small model on 2 CPU cores: about 15 to 30)').default(20),
    OPENAI_PRICE_INPUT: usdPerMTok.optional(),
    OPENAI_PRICE_OUTPUT: usdPerMTok.optional(),
    REPORT_LANGUAGE: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en, de or pt-BR').default('en'),
    ANALYSIS_ENRICH_POSTS: integer(0, 50).default(15),
    ANALYSIS_COMMENTS_PER_POST: integer(0, 20).default(5),
    // The whole analysis (every request, retry and repair) ends by then, or the offline analyst writes it:
    // a server that drips its answer or never ends it would otherwise hold the report forever.
    ANALYSIS_DEADLINE_MS: integer(1_000, 7_200_000).default(600_000),
    FOLLOWUP_USER_QUESTIONS_PER_HOUR: integer(1, 1_000).default(10),
    FOLLOWUP_CHANNEL_QUESTIONS_PER_HOUR: integer(1, 10_000).default(40),
    FOLLOWUP_DAILY_TOKEN_BUDGET: integer(1_000, 100_000_000).default(500_000),
    FOLLOWUP_MAX_ANSWER_TOKENS: integer(100, 8_000).default(700),
    // From the question to the answer's last word: past it the answer is cut (what was said is kept).
    FOLLOWUP_ANSWER_DEADLINE_MS: integer(1_000, 3_600_000).default(120_000),
    // Discord: the bot token and application id together; a guild id registers commands there at once.
    DISCORD_TOKEN: z.string().min(20, 'a Discord bot token (Developer Portal → Bot → Reset Token)').optional(),
    DISCORD_APPLICATION_ID: z.string().regex(/^\d{17,20}$/, 'the numeric application id (Developer Portal → General Information)').optional(),
    DISCORD_GUILD_ID: z.string().regex(/^\d{17,20}$/, 'a numeric server id (Developer Mode → right-click the server → Copy Server ID)').optional(),
    DISCORD_API_BASE: url.optional(),
    DISCORD_MESSAGE_CONTENT: z.enum(['true', 'false'], 'true or false').default('true'),
    // Discord requires sharding from 2,500 guilds: one process per shard, on a store they all share.
    DISCORD_SHARDS: z.union([z.literal('auto'), integer(1, 1_000)], 'auto (the count Discord recommends) or a number of shards from 1 to 1000').optional(),
    // Slack: the bot token; with an app-level token Socket Mode (no public URL), else HTTP with signing.
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)').optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)').optional(),
    SLACK_SIGNING_SECRET: z.string().min(10, 'the signing secret (Basic Information → App Credentials)').optional(),
    SLACK_API_URL: url.optional(),
    SLACK_POSTS_PER_MINUTE: integer(1, 100_000).optional(),
    SLACK_ADMIN_USER_IDS: z
      .string()
      .transform((list) => list.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'Slack user ids such as U012ABC, separated by commas')))
      .optional(),
    DELIVERY_GRACE_HOURS: integer(0, 23).default(6),
    // Up to a day: a feeds report at one request a minute takes REDDIT_FEED_MAX_REQUESTS minutes (README "Reddit").
    REPORT_PREPARE_MINUTES: integer(0, 1_440).default(30),
    // Today's posts could not be collected: the newest stored live report at most this many days old is served, marked.
    REPORT_MAX_STALE_DAYS: integer(0, 30).default(3),
    MAX_REPORT_VIEWS: integer(1, 1_000).default(20),
    MAX_COMMUNITIES: integer(1, 100).default(25),
    DELIVERY_CONCURRENCY: integer(1, 100).default(8),
    DELIVERY_CLAIM_SECONDS: integer(1, 3_600).default(600),
    // Alerts when a post takes off (README "Alerts"): how often the watcher reads Reddit, and how many alerts a channel gets a day at most.
    ALERT_POLL_MINUTES: wholeNumber(5, 1_440, 'minutes between two looks of the alert watcher').default(15),
    ALERTS_PER_DAY: wholeNumber(1, 50, 'alerts one channel gets a day at most').default(3),
    PORT: integer(0, 65_535).default(3000),
    // GET /healthz and /metrics: their own server on HEALTH_PORT, or the Slack HTTP server when it runs on PORT.
    HEALTH_PORT: integer(0, 65_535).optional(),
    // This machine only unless exposing them is chosen (the container image sets 0.0.0.0 for its port mapping).
    HEALTH_HOST: z.string().regex(/^[A-Za-z0-9.:_-]{1,255}$/, 'an address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or ::').default('127.0.0.1'),
    // A bearer token GET /metrics then requires (Authorization: Bearer …); /healthz stays open for probes.
    METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,512}$/, 'a token of 16 to 512 printable characters without spaces, e.g. from `openssl rand -hex 32`').optional(),
    // The report's web pages (/, /reports, /search, /feed.xml) on the health server's port; false: none there.
    WEB_ENABLED: z.enum(['true', 'false'], 'true or false').default('true'),
    // Where readers open the pages (https://trends.example.org): the chat posts end with a link there.
    PUBLIC_URL: url.transform((u) => u.replace(/\/+$/, '')).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: readable lines on a terminal, JSON otherwise (the CLI decides: it knows where stderr goes).
    LOG_FORMAT: z.enum(['json', 'pretty'], 'json (one JSON object a line) or pretty (readable lines)').optional(),
  })
  .superRefine((env, ctx) => {
    const provider = llmProvider(env);
    if (env.LLM_PROVIDER === 'anthropic' && !env.ANTHROPIC_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ANTHROPIC_API_KEY'], message: 'is required with LLM_PROVIDER=anthropic' });
    }
    if (provider === 'openai' && !env.OPENAI_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_BASE_URL'], message: 'is required with LLM_PROVIDER=openai (e.g. http://localhost:11434/v1 for Ollama)' });
    }
    if (provider === 'openai' && !env.OPENAI_MODEL) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_MODEL'], message: 'is required with OPENAI_BASE_URL: the model id the server serves, such as qwen3:8b (`ollama list` shows them)' });
    }
    if (provider === 'openai' && env.OPENAI_CONTEXT_TOKENS < 2 * env.FOLLOWUP_MAX_ANSWER_TOKENS) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_CONTEXT_TOKENS'], message: `must be at least twice FOLLOWUP_MAX_ANSWER_TOKENS (${env.FOLLOWUP_MAX_ANSWER_TOKENS}), to leave room for the question's data` });
    }
    if ((env.OPENAI_PRICE_INPUT === undefined) !== (env.OPENAI_PRICE_OUTPUT === undefined)) {
      const missing = env.OPENAI_PRICE_INPUT === undefined ? 'OPENAI_PRICE_INPUT' : 'OPENAI_PRICE_OUTPUT';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other OpenAI price is set (both in USD per million tokens)' });
    }
    // The same rule for every command: `api` means the API; without its keys nothing would be read from it.
    if (env.REDDIT_SOURCE === 'api' && !env.REDDIT_CLIENT_ID && !env.REDDIT_CLIENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['REDDIT_CLIENT_ID'], message: "is required with REDDIT_SOURCE=api (with REDDIT_CLIENT_SECRET); without API keys leave REDDIT_SOURCE unset (Reddit's public feeds) or set it to sample" });
    }
    if (Boolean(env.REDDIT_CLIENT_ID) !== Boolean(env.REDDIT_CLIENT_SECRET)) {
      const missing = env.REDDIT_CLIENT_ID ? 'REDDIT_CLIENT_SECRET' : 'REDDIT_CLIENT_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other Reddit credential is set' });
    }
    if (env.REDDIT_FEED_TOKEN && !env.REDDIT_USERNAME) {
      ctx.addIssue({ code: 'custom', path: ['REDDIT_USERNAME'], message: 'is required with REDDIT_FEED_TOKEN: the Reddit account the feed token belongs to (its feed links say user=…)' });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode, no public URL needed)' });
    }
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when another Slack setting is set' });
    }
    if (Boolean(env.DISCORD_TOKEN) !== Boolean(env.DISCORD_APPLICATION_ID)) {
      const missing = env.DISCORD_TOKEN ? 'DISCORD_APPLICATION_ID' : 'DISCORD_TOKEN';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other Discord setting is set (both are on the Developer Portal)' });
    }
    if (env.DISCORD_SHARDS !== undefined && !env.DISCORD_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARDS'], message: 'needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (it shards the Discord bot)' });
    }
    // Each shard is a process of its own: an in-memory database would be a different, empty store in each.
    if (env.DISCORD_SHARDS !== undefined && /^sqlite:\/\/:memory:$/i.test(env.STORE_URL)) {
      ctx.addIssue({ code: 'custom', path: ['STORE_URL'], message: 'sqlite://:memory: cannot be shared by the shard processes of DISCORD_SHARDS: use a file (sqlite://./data/ai-trends.sqlite, one machine) or redis://… (README: "Scaling")' });
    }
  });

export type Env = z.infer<typeof schema>;
/** Every setting read from the environment (test/configuration-documented.test.ts: each is in .env.example and the README). */
export const settingNames = Object.keys(schema.shape) as (keyof Env)[];

/** LLM_PROVIDER when set; else Claude when its key is set, else an OpenAI-compatible server when its URL is set. */
export function llmProvider(env: Pick<Env, 'LLM_PROVIDER' | 'ANTHROPIC_API_KEY' | 'OPENAI_BASE_URL'>): 'anthropic' | 'openai' | 'offline' {
  return env.LLM_PROVIDER ?? (env.ANTHROPIC_API_KEY ? 'anthropic' : env.OPENAI_BASE_URL ? 'openai' : 'offline');
}
