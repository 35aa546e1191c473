import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { ThreadTarget } from '../../src/chat/target.js';
import { FollowUps, type FollowUpQuestion } from '../../src/followup/index.js';
import type { BindThread } from '../../src/followup/threads.js';
import { createClaude } from '../../src/llm/claude.js';
import { createOpenAI } from '../../src/llm/openai.js';
import type { Post, Report } from '../../src/models.js';
import type { RedditClient } from '../../src/reddit/client.js';
import { apiPostDetails } from '../../src/reddit/post-details.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import type { Store } from '../../src/store/store.js';
import type { FakeAnthropic } from '../fakes/anthropic.js';
import type { FakeOpenAI } from '../fakes/openai.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';

export { manualClock } from '../helpers/clock.js';
export { tempSqliteUrl };

// Shared set-up for the follow-up tests: a real SQLite store in a temp dir, the sample report, and a
// FollowUps wired to the fake Anthropic over HTTP with the real SDK.

export const MODEL = 'claude-sonnet-5-5';
/** The model the fake OpenAI-compatible server plays (an Ollama-style id). */
export const LOCAL_MODEL = 'qwen3:8b';
export const SAMPLE_DATE = '2026-02-11';

export function tempStore(url = tempSqliteUrl()): Promise<Store> {
  return openTempStore('live', url);
}

export function sampleReport(): Report {
  const sample = loadSample();
  return buildReport(sample.posts, sample.now);
}

export const defaultLimits: Config['followup'] = {
  userQuestionsPerHour: 10,
  channelQuestionsPerHour: 40,
  dailyTokenBudget: 500_000,
  maxAnswerTokens: 700,
  answerDeadlineMs: 120_000,
};

export interface Setup {
  store: Store;
  fake?: FakeAnthropic;
  /** An OpenAI-compatible server instead of Claude. */
  openai?: FakeOpenAI;
  /** The OpenAI-compatible provider's context window and stall timeout (defaults 16384 and 5000 ms). */
  contextTokens?: number;
  timeoutMs?: number;
  reddit?: RedditClient;
  clock?: () => Date;
  limits?: Partial<Config['followup']>;
  maxRetries?: number;
  log?: Logger;
}

export function makeFollowUps({ store, fake, openai: openaiFake, contextTokens = 16_384, timeoutMs = 5_000, reddit, clock, limits, maxRetries = 0, log }: Setup): FollowUps {
  const claude = fake ? createClaude({ apiKey: 'test-key', baseURL: fake.baseURL, model: MODEL, timeoutMs: 5_000, maxRetries }) : undefined;
  const openai = openaiFake ? createOpenAI({ baseURL: openaiFake.baseURL, model: LOCAL_MODEL, contextTokens, timeoutMs, maxRetries }) : undefined;
  return new FollowUps({ store, claude, openai, details: reddit ? apiPostDetails(reddit) : undefined, limits: { ...defaultLimits, ...limits }, clock: clock ?? (() => new Date('2026-02-11T09:30:00Z')), log });
}

export const thread: ThreadTarget = { platform: 'discord', workspaceId: 'G1', channelId: 'C1', threadId: 'T1' };

/** Binds `thread` (or a variant of it) to the report of `reportDate`. */
export function bindTo(reportDate: string, where: Partial<ThreadTarget> = {}): BindThread {
  return { target: { ...thread, ...where }, reportDate };
}

/** A question in `thread` (or a variant of it) from U1 (or `userId`). */
export function ask(text: string, { userId = 'U1', ...where }: Partial<ThreadTarget> & { userId?: string } = {}): FollowUpQuestion {
  return { target: { ...thread, ...where }, userId, text };
}

/** A search_result citation of `post` as the API would return it. */
export function citationOf(post: Post, citedText = post.title, index = 0) {
  return {
    type: 'search_result_location',
    source: post.url,
    title: post.title,
    cited_text: citedText,
    search_result_index: index,
    start_block_index: 0,
    end_block_index: 1,
  };
}
