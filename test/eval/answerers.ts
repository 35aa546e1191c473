import type { Config } from '../../src/config.js';
import { FollowUps } from '../../src/followup/index.js';
import { createClaude } from '../../src/llm/claude.js';
import { createOpenAI } from '../../src/llm/openai.js';
import type { Reply } from '../../src/reply/reply.js';
import { postIdFromUrl } from '../../src/text/links.js';
import { startFakeAnthropic, type RecordedMessageRequest, type ScriptedReply } from '../fakes/anthropic.js';
import { startFakeOpenAI, type RecordedChatRequest, type ScriptedReply as ChatReply } from '../fakes/openai.js';
import type { EvalDay } from './days.js';
import type { EvalQuestion } from './questions.js';

// The answerers the evaluation measures, each through the whole follow-up path (FollowUps: thread
// binding, limits, context with post details, grounding) on a real SQLite store. Another answerer (the
// OpenAI-compatible provider against its fake server) is one more entry in `answerers`.

export interface OpenAnswerer {
  answer(question: EvalQuestion): Promise<Reply>;
  close(): Promise<void>;
}

export interface Answerer {
  name: string;
  /** What its figures say: how well it finds the right posts, or only that the plumbing maps them right. */
  measures: 'retrieval' | 'plumbing';
  open(day: EvalDay): Promise<OpenAnswerer>;
}

const limits: Config['followup'] = { userQuestionsPerHour: 10_000, channelQuestionsPerHour: 10_000, dailyTokenBudget: 1_000_000_000, maxAnswerTokens: 700, answerDeadlineMs: 120_000 };

/** Each question in a thread of its own, so no answer leans on an earlier one. */
function asker(day: EvalDay, followUps: FollowUps, expectSource: 'offline' | 'claude' | 'openai'): OpenAnswerer['answer'] {
  let n = 0;
  return async (question) => {
    const target = { platform: 'console' as const, workspaceId: 'eval', channelId: day.name, threadId: `q${++n}` };
    await followUps.bindThread({ target, reportDate: day.report.date });
    const answer = await followUps.answer({ target, userId: 'eval', text: question.question });
    if (answer.source !== expectSource) throw new Error(`expected a ${expectSource} answer to "${question.question}", got ${answer.source}`);
    return answer.reply;
  };
}

/** src/followup/offline.ts: BM25 over the report's posts, their bodies, comments and the analysis. */
export const offlineAnswerer: Answerer = {
  name: 'offline',
  measures: 'retrieval',
  open: async (day) => {
    const followUps = new FollowUps({ store: day.store, limits, clock: () => day.askedAt });
    return { answer: asker(day, followUps, 'offline'), close: async () => undefined };
  },
};

/**
 * Claude's path against the fake Messages API (real SDK over HTTP). The fake "model" knows the right
 * posts and cites the first of them it finds among the search results it was sent, by its index; what
 * is measured is the rest: that the right post was among the sources, that the citation maps back to
 * it, and that the reply numbers it right. It is a plumbing check, not a judgement of Claude.
 */
export const claudeFakeAnswerer: Answerer = {
  name: 'claude (fake API)',
  measures: 'plumbing',
  open: async (day) => {
    const fake = await startFakeAnthropic();
    const expected = new Map(day.questions.map((q) => [q.question, q.expected]));
    fake.setDefault({ kind: 'handler', handle: (request) => citeExpected(request, expected) });
    const claude = createClaude({ apiKey: 'eval', baseURL: fake.baseURL, model: 'claude-sonnet-5-5', timeoutMs: 10_000, maxRetries: 0 });
    const followUps = new FollowUps({ store: day.store, claude, limits, clock: () => day.askedAt });
    return { answer: asker(day, followUps, 'claude'), close: () => fake.close() };
  },
};

/**
 * The OpenAI-compatible provider against its fake server (real `openai` SDK over HTTP, streamed). The
 * posts go in as numbered sources; the fake "model" cites the first right post by its number, "[n]".
 * Measured: that the number it was given maps back to that post, through the same grounding as Claude.
 */
export const openAIFakeAnswerer: Answerer = {
  name: 'openai (fake API)',
  measures: 'plumbing',
  open: async (day) => {
    const fake = await startFakeOpenAI();
    const expected = new Map(day.questions.map((q) => [q.question, q.expected]));
    fake.setDefault({ kind: 'handler', handle: (request) => citeExpectedNumber(request, expected) });
    const openai = createOpenAI({ baseURL: fake.baseURL, model: 'qwen3:8b', contextTokens: 32_768, timeoutMs: 10_000, maxRetries: 0 });
    const followUps = new FollowUps({ store: day.store, openai, limits, clock: () => day.askedAt });
    return { answer: asker(day, followUps, 'openai'), close: () => fake.close() };
  },
};

export const answerers: Answerer[] = [offlineAnswerer, claudeFakeAnswerer, openAIFakeAnswerer];

function citeExpectedNumber(request: RecordedChatRequest, expected: Map<string, string[]>): ChatReply {
  const texts = (request.body.messages as Array<{ role: string; content: unknown }>).filter((m) => m.role === 'user').map((m) => String(m.content));
  // Each numbered source starts "[n] <title>" and names its post on the next line: "id <post id> · r/…".
  const numberOf = new Map<string, number>();
  for (const match of texts.join('\n').matchAll(/^\[(\d+)\] .*\nid (\w+) ·/gm)) numberOf.set(match[2]!, Number(match[1]));
  const question = /<question>\n([\s\S]*?)\n<\/question>/.exec(texts.at(-1) ?? '')?.[1] ?? '';
  const wanted = (expected.get(question) ?? []).find((id) => numberOf.has(id));
  return { kind: 'message', content: wanted ? `This post covers it [${numberOf.get(wanted)}].` : 'The report has no post on that.' };
}

interface SearchResultBlock {
  type: 'search_result';
  source: string;
  title: string;
  content: Array<{ text: string }>;
}

function citeExpected(request: RecordedMessageRequest, expected: Map<string, string[]>): ScriptedReply {
  const blocks = (request.body.messages as Array<{ content: unknown }>).flatMap((m) => (Array.isArray(m.content) ? (m.content as Array<{ type: string; text?: string }>) : []));
  const results = blocks.filter((b): b is SearchResultBlock & { type: string } => b.type === 'search_result');
  const asked = blocks.filter((b) => b.type === 'text' && b.text?.startsWith('<question>')).at(-1)?.text ?? '';
  const question = asked.replace(/^<question>\n/, '').replace(/\n<\/question>$/, '');
  const wanted = expected.get(question) ?? [];
  const index = results.findIndex((r) => wanted.includes(postIdFromUrl(r.source) ?? ''));
  if (index < 0) return { kind: 'message', content: [{ type: 'text', text: 'The report has no post on that.' }] };
  const result = results[index]!;
  const citation = { type: 'search_result_location', source: result.source, title: result.title, cited_text: result.content[0]?.text ?? '', search_result_index: index, start_block_index: 0, end_block_index: 1 };
  return { kind: 'message', content: [{ type: 'text', text: 'This post covers it', citations: [citation] }, { type: 'text', text: '.' }] };
}
