import { z } from 'zod';

// All configuration, read once from the environment and validated. A wrong value stops start-up with a
// message naming the variable. Empty variables count as unset, as in most .env files.

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
const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const subredditName = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;

const schema = z
  .object({
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
    REDDIT_TIMEOUT_MS: integer(1_000, 120_000).default(15_000),
    REDDIT_MAX_RETRIES: integer(0, 10).default(3),
    REDDIT_MAX_PAGES: integer(1, 20).default(10),
    STORE_URL: z
      .string()
      .regex(/^(sqlite|redis|rediss|postgres|postgresql):\/\/.+/i, 'sqlite://path, redis://… or postgres://…')
      .default('sqlite://./data/ai-trends.sqlite'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.REDDIT_CLIENT_ID) !== Boolean(env.REDDIT_CLIENT_SECRET)) {
      const missing = env.REDDIT_CLIENT_ID ? 'REDDIT_CLIENT_SECRET' : 'REDDIT_CLIENT_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other Reddit credential is set' });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  reddit: {
    credentials?: { clientId: string; clientSecret: string };
    userAgent: string;
    apiBase: string;
    authBase: string;
    subreddits: string[];
    timeoutMs: number;
    maxRetries: number;
    maxPages: number;
  };
  storeUrl: string;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(environment: NodeJS.ProcessEnv, version: string): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0] ?? 'configuration')}: ${issue.message}`);
  }
  const env = parsed.data;
  return {
    reddit: {
      credentials: env.REDDIT_CLIENT_ID && env.REDDIT_CLIENT_SECRET ? { clientId: env.REDDIT_CLIENT_ID, clientSecret: env.REDDIT_CLIENT_SECRET } : undefined,
      userAgent: env.REDDIT_USER_AGENT ?? `node:ai-trends:${version} (by /u/${env.REDDIT_USERNAME ?? 'ai-trends-bot'})`,
      apiBase: env.REDDIT_API_BASE,
      authBase: env.REDDIT_AUTH_BASE,
      subreddits: env.REDDIT_SUBREDDITS,
      timeoutMs: env.REDDIT_TIMEOUT_MS,
      maxRetries: env.REDDIT_MAX_RETRIES,
      maxPages: env.REDDIT_MAX_PAGES,
    },
    storeUrl: env.STORE_URL,
    logLevel: env.LOG_LEVEL,
  };
}
