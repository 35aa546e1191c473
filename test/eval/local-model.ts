import { readFileSync } from 'node:fs';
import { createAnalysisStep } from '../../src/analysis/analyze.js';
import { defaultSubreddits } from '../../src/config.js';
import type { Config } from '../../src/config.js';
import { FollowUps } from '../../src/followup/index.js';
import { createOpenAI } from '../../src/llm/openai.js';
import { createPickStep } from '../../src/report/pick-step.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { loadSample } from '../../src/sample/sample.js';
import { startFakeLlamaServer, type FakeLlamaServer } from '../fakes/llama-server.js';
import type { RecordedChatRequest, ScriptedReply } from '../fakes/openai.js';
import { fitToSchema, requestSchema } from '../helpers/model-answer.js';
import { openTempStore, tempSqliteUrl } from '../helpers/store.js';
import { citedPostIds } from './eval.js';
import { sampleQuestions } from './questions.js';

// The local-model path of `npm run eval`: the sample day's analysis and follow-up answers through the whole
// pipeline (the analysis step, FollowUps, the real `openai` package) against the fake llama-server with an
// 8,192-token slot, the model's part played by a transcript of what a 0.5B-class model writes
// (fixtures/small-model-transcript.json: terse JSON, one part rambling past its allowance, answers citing
// by number, one citing nothing, one cut at the limit, one citing a source it was not given). Measured: how
// much of the analysis the model wrote, how many answers came from it and cite a right post (in the answer
// or beside it), whether a cut is said in words, and the prompts' sizes in the server's tokens with the
// minutes a 2-core CPU takes to read them at the transcript's measured speed.

interface Transcript {
  server: { nCtx: number; promptTokensPerSecond: number };
  model: string;
  analysis: Record<string, unknown>;
  answers: Record<string, string>;
}

const transcript = JSON.parse(readFileSync(new URL('./fixtures/small-model-transcript.json', import.meta.url), 'utf8')) as Transcript;

export interface LocalModelFigures {
  /** Of the analysis' five sections, how many the model wrote. */
  analysisByModel: number;
  analysisWarnings: string[];
  /** The largest prompt + max_tokens of one analysis request, against the slot's context. */
  analysisLargestRequest: number;
  nCtx: number;
  /** All the analysis' prompt tokens, and the minutes a 2-core CPU reads them in. */
  analysisPromptTokens: number;
  analysisMinutes: number;
  questions: number;
  /** Answers the model wrote (not the offline fallback). */
  byModel: number;
  /** Replies linking a right post, in the answer or in the best matches beside it. */
  citesRight: number;
  /** Answers cut at their token limit, and how many of those say so in words. */
  cut: number;
  cutSaid: number;
  followUpPromptMedian: number;
  followUpPromptMax: number;
  /** Minutes to read a cold question's prompt (the median) at the measured speed. */
  coldQuestionMinutes: number;
}

/**
 * Before: main at 5309452 (a08605c sends the same prompts), measured with test/eval/prompt-sizes.ts against
 * the same fake llama-server and counted by the same tokenizer as the "after" figures: the analysis prompt was
 * 10,078 tokens and asked for 5,461 more, over an 8k slot, so the server refused it (exceed_context_size_error,
 * read as a refused schema and sent again without it) and the offline analyst wrote all of it; a follow-up
 * was 8,327 tokens (the median) with every post of the report, over the slot: every answer offline. (With a
 * real 32k-vocabulary Llama tokenizer: 7,128 and about 8,630.) Reading times at the transcript's 22 tokens a
 * second.
 */
export const LOCAL_BEFORE = {
  analysisByModel: 0,
  analysisPromptTokens: 10_078,
  followUpPromptMedian: 8_327,
  byModelShare: 0,
} as const;

export const LOCAL_GOALS = { analysisByModel: 3, byModelShare: 1, citesRightShare: 0.85, cutSaidShare: 1, followUpPromptMax: 3_000, coldQuestionMinutes: 2.5 } as const;

export function meetsLocalGoals(f: LocalModelFigures): boolean {
  return (
    f.analysisByModel >= LOCAL_GOALS.analysisByModel &&
    f.analysisLargestRequest <= f.nCtx &&
    f.byModel / f.questions >= LOCAL_GOALS.byModelShare &&
    f.citesRight / f.questions >= LOCAL_GOALS.citesRightShare &&
    (f.cut === 0 || f.cutSaid / f.cut >= LOCAL_GOALS.cutSaidShare) &&
    f.followUpPromptMax <= LOCAL_GOALS.followUpPromptMax &&
    f.coldQuestionMinutes <= LOCAL_GOALS.coldQuestionMinutes
  );
}

const partOf = (request: RecordedChatRequest) => Object.keys((requestSchema(request.body) as { properties: object }).properties);


/** The transcript as the model: each analysis part's JSON (fitted by the grammar), each question's answer with its sources' numbers. */
function transcriptModel(request: RecordedChatRequest): ScriptedReply {
  if (request.jsonSchema) {
    const asked = partOf(request);
    const rambling = asked.map((name) => transcript.analysis[name]).find((value) => typeof value === 'string');
    // A rambling part repeats itself until its allowance runs out (the server then cuts it).
    if (typeof rambling === 'string') return { kind: 'message', content: rambling + ' and the week continues'.repeat(2_000) };
    return { kind: 'json', value: fitToSchema(Object.fromEntries(asked.map((name) => [name, transcript.analysis[name]])), requestSchema(request.body)) };
  }
  const texts = (request.body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'user').map((m) => m.content);
  const question = /<question>\n([\s\S]*?)\n<\/question>/.exec(texts.at(-1) ?? '')?.[1] ?? '';
  const numbers = new Map<string, number>();
  for (const match of texts.join('\n').matchAll(/^\[(\d+)\] .*\nid (\w+) ·/gm)) numbers.set(match[2]!, Number(match[1]));
  const answer = transcript.answers[question] ?? 'I do not know.';
  return { kind: 'message', content: answer.replace(/\{\{(\w+)\}\}/g, (_, id: string) => `[${numbers.get(id) ?? 9}]`), chunkChars: 12 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function runLocalModel(): Promise<LocalModelFigures> {
  const fake: FakeLlamaServer = await startFakeLlamaServer({ nCtx: transcript.server.nCtx });
  fake.setDefault({ kind: 'handler', handle: transcriptModel });
  const store = await openTempStore('live', tempSqliteUrl('ai-trends-eval-local-'));
  try {
    const openai = createOpenAI({ baseURL: fake.baseURL, model: transcript.model, contextTokens: 16_384, timeoutMs: 10_000, maxRetries: 0, promptTokensPerSecond: transcript.server.promptTokensPerSecond });
    const steps = [createPickStep({ reports: store.reports, communities: defaultSubreddits }), createAnalysisStep({ store, openai, settings: { language: 'en', enrichPosts: 15, commentsPerPost: 5 } })];
    const { report } = await new DailyReports(store, sampleSource(), steps).get({ now: loadSample().now });
    const analysisRequests = fake.requests.filter((r) => r.jsonSchema);
    const analysis = report.analysis!;
    const limits: Config['followup'] = { userQuestionsPerHour: 10_000, channelQuestionsPerHour: 10_000, dailyTokenBudget: 1_000_000_000, maxAnswerTokens: 300, answerDeadlineMs: 60_000 };
    const followUps = new FollowUps({ store, openai, limits, clock: () => new Date(Date.parse(report.generatedAt) + 3_600_000) });
    const questions = sampleQuestions.filter((q) => q.question in transcript.answers);
    let byModel = 0;
    let citesRight = 0;
    let cut = 0;
    let cutSaid = 0;
    const prompts: number[] = [];
    for (const [i, q] of questions.entries()) {
      const target = { platform: 'console' as const, workspaceId: 'eval', channelId: 'local', threadId: `q${i}` };
      await followUps.bindThread({ target, reportDate: report.date });
      const before = fake.requests.length;
      const answer = await followUps.answer({ target, userId: 'eval', text: q.question });
      const sent = fake.requests.slice(before).filter((r) => !r.jsonSchema);
      prompts.push(...sent.map((r) => r.promptTokens));
      if (answer.source === 'openai') byModel++;
      if (citedPostIds(answer.reply).some((id) => q.expected.includes(id))) citesRight++;
      const ellipsis = answer.reply.blocks.some((b) => b.type === 'paragraph' && b.spans.at(-1)?.text === ' …');
      if (ellipsis) {
        cut++;
        if (answer.reply.blocks.some((b) => b.type === 'note' && /cut off at its [\d,]+-token limit/.test(b.text))) cutSaid++;
      }
    }
    const speed = transcript.server.promptTokensPerSecond;
    const analysisPromptTokens = analysisRequests.reduce((sum, r) => sum + r.promptTokens, 0);
    return {
      analysisByModel: analysis.source === 'offline' ? 0 : 5 - (analysis.offlineSections?.length ?? 0),
      analysisWarnings: report.warnings,
      analysisLargestRequest: Math.max(0, ...analysisRequests.map((r) => r.promptTokens + (r.body.max_tokens ?? 0))),
      nCtx: transcript.server.nCtx,
      analysisPromptTokens,
      analysisMinutes: analysisPromptTokens / speed / 60,
      questions: questions.length,
      byModel,
      citesRight,
      cut,
      cutSaid,
      followUpPromptMedian: median(prompts),
      followUpPromptMax: Math.max(0, ...prompts),
      coldQuestionMinutes: median(prompts) / speed / 60,
    };
  } finally {
    await store.close();
    await fake.close();
  }
}
