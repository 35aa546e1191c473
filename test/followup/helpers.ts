import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import { FollowUps, type FollowUpQuestion } from '../../src/followup/index.js';
import { createClaude } from '../../src/llm/claude.js';
import type { Post, Report } from '../../src/models.js';
import type { RedditClient } from '../../src/reddit/client.js';
import { buildReport } from '../../src/report/build.js';
import { loadSample } from '../../src/sample/sample.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { FakeAnthropic } from '../fakes/anthropic.js';

// Shared set-up for the follow-up tests: a real SQLite store in a temp dir, the sample report, and a
// FollowUps wired to the fake Anthropic over HTTP with the real SDK.

export const MODEL = 'claude-sonnet-5-5';
export const SAMPLE_DATE = '2026-02-11';

export function tempSqliteUrl(): string {
  return `sqlite://${join(mkdtempSync(join(tmpdir(), 'ai-trends-followup-')), 'store.sqlite')}`;
}

export async function tempStore(url = tempSqliteUrl()): Promise<Store> {
  return openStore(url);
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
};

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set: (iso: string) => (now = new Date(iso)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  });
}

export interface Setup {
  store: Store;
  fake?: FakeAnthropic;
  reddit?: RedditClient;
  clock?: () => Date;
  limits?: Partial<Config['followup']>;
  maxRetries?: number;
}

export function makeFollowUps({ store, fake, reddit, clock, limits, maxRetries = 0 }: Setup): FollowUps {
  const claude = fake ? createClaude({ apiKey: 'test-key', baseURL: fake.baseURL, model: MODEL, timeoutMs: 5_000, maxRetries }) : undefined;
  return new FollowUps({ store, claude, reddit, limits: { ...defaultLimits, ...limits }, clock: clock ?? (() => new Date('2026-02-11T09:30:00Z')) });
}

export const thread = { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C1', threadId: 'T1' };

export function ask(text: string, overrides: Partial<FollowUpQuestion> = {}): FollowUpQuestion {
  return { ...thread, userId: 'U1', text, ...overrides };
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
