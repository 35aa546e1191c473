import { dateOfReportKey } from '../report/view.js';
import type { BindReportThread } from '../chat/deliver.js';
import type { ThreadTarget } from '../chat/target.js';
import type { Config } from '../config.js';
import type { Claude } from '../llm/claude.js';
import { AnswerDeadlineError } from '../llm/answer-cap.js';
import type { OpenAICompatible } from '../llm/openai.js';
import type { TokenUsage } from '../llm/usage.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PostDetailsSource } from '../reddit/post-details.js';
import { note, type Reply } from '../reply/reply.js';
import type { ThreadBinding, ThreadTurn } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { AnswerProgress, ModelAnswerer } from './answerer.js';
import { claudeAnswerer } from './claude-answerer.js';
import { buildContext, withFocusDetails, type AnswerContext } from './context.js';
import { QuestionLimits } from './limits.js';
import { classifyModelError } from '../llm/model-errors.js';
import { StalledStreamError } from '../llm/openai-stream.js';
import { formatCount } from '../text/count.js';
import { offlineAnswer, type OfflineReason } from './offline.js';
import { openAIAnswerer } from './openai-answerer.js';
import { MAX_QUESTION_CHARS } from './prompt.js';
import { neutraliseReply } from './safe-reply.js';
import { TextChannel } from './stream-text.js';
import { ThreadStore, type BindThread } from './threads.js';

// Follow-up questions in a thread under a report: limits first (nothing is sent to a model over a limit),
// then the context, then Claude with citations or an OpenAI-compatible model citing numbered sources,
// or the offline answer when no model is configured or it fails.
// Every reply passes the mention filter on its way out, and each exchange is kept with the thread.

export interface FollowUpQuestion {
  /** The thread asked in: bound to a report by `bindThread`. */
  target: ThreadTarget;
  userId: string;
  text: string;
}

export type { AnswerProgress } from './answerer.js';

export interface FollowUpAnswer {
  reply: Reply;
  /** The model's token usage for this answer; null for offline answers and refusals. */
  usage: TokenUsage | null;
  /** 'refused': not answered (unbound thread, over a limit, nothing asked); nothing was sent to a model. */
  source: 'claude' | 'openai' | 'offline' | 'refused';
}

export interface FollowUpDeps {
  store: Store;
  claude?: Claude;
  /** An OpenAI-compatible server, when it is the configured provider (main.ts wires at most one). */
  openai?: OpenAICompatible;
  /** Bodies and comments of the posts a question is about; absent (the sample): only what the store holds. */
  details?: PostDetailsSource;
  limits: Config['followup'];
  clock: () => Date;
  log?: Logger;
  /** Counts answers by source, and the tokens they spent. */
  metrics?: Pick<Metrics, 'followUp'>;
}

const refused = (message: string, tone: 'info' | 'warning' = 'info'): FollowUpAnswer => ({
  reply: { blocks: [note(message, tone)], private: true },
  usage: null,
  source: 'refused',
});

/** What the note above an offline answer adds about the failure, when the user can use it. */
function whyOffline(error: unknown): string | undefined {
  if (error instanceof AnswerDeadlineError) return error.shortReason;
  if (error instanceof StalledStreamError) return 'it sent nothing for too long';
  const failure = classifyModelError(error);
  if (failure.kind === 'overflow') return `the question's data did not fit its context${failure.contextTokens ? ` of ${formatCount(failure.contextTokens)} tokens` : ''}`;
  return undefined;
}

/** The configured model's answerer (the one place Claude and the OpenAI-compatible server are told apart); undefined: answers are offline. */
function modelAnswerer(deps: FollowUpDeps): ModelAnswerer | undefined {
  if (deps.claude) return claudeAnswerer(deps.claude, deps.limits, deps.log);
  return deps.openai ? openAIAnswerer(deps.openai, deps.limits, deps.log) : undefined;
}

/**
 * What an answer takes from the daily budget: input (uncached and written to cache) plus output, and
 * cache reads at a tenth, as Anthropic bills them. Counted at full weight, cache reads would make the
 * later questions of a thread look as expensive as the first, and the budget would run out ten times early.
 */
export function tokensOf(usage: TokenUsage): number {
  return usage.inputTokens + usage.cacheCreationInputTokens + Math.ceil(usage.cacheReadInputTokens / 10) + usage.outputTokens;
}

export class FollowUps {
  private readonly threads: ThreadStore;
  private readonly limits: QuestionLimits;

  /** Claude or the OpenAI-compatible server, whichever is configured; undefined: answers are offline. */
  private readonly answerer: ModelAnswerer | undefined;

  constructor(private readonly deps: FollowUpDeps) {
    this.threads = new ThreadStore(deps.store);
    this.limits = new QuestionLimits(deps.store, deps.limits);
    this.answerer = modelAnswerer(deps);
  }

  /** The model answers are written by (Claude or the OpenAI-compatible server); undefined when answers are offline. */
  get model(): string | undefined {
    return this.answerer?.model;
  }

  /** Remembers that a thread talks about the report of `reportDate` (re-binding to it keeps the turns). */
  bindThread(binding: BindThread): Promise<void> {
    return this.threads.bind(binding, this.deps.clock());
  }

  /** `bindThread` as `deliver` and the morning posts take it: the one binding every door passes on. */
  readonly bindReportThread: BindReportThread = (thread, reportDate) => this.bindThread({ target: thread, reportDate });

  threadOf(target: ThreadTarget): Promise<ThreadBinding | undefined> {
    return this.threads.get(target);
  }

  /** Forgets a thread (the CLI's one-question threads). */
  unbindThread(target: ThreadTarget): Promise<boolean> {
    return this.threads.delete(target);
  }

  answer(question: FollowUpQuestion): Promise<FollowUpAnswer> {
    return this.safely(question, undefined);
  }

  /**
   * Like `answer`, with Claude's text as it is written: `text` yields cleaned deltas (no pings, no unknown
   * links) for a message that grows; `done` is the final, grounded reply that should replace it. Offline
   * answers and refusals yield no deltas. `done` resolves whether or not `text` is read.
   */
  answerStream(question: FollowUpQuestion, progress?: (event: AnswerProgress) => void): { text: AsyncIterable<string>; done: Promise<FollowUpAnswer> } {
    const channel = new TextChannel();
    const done = this.safely(question, channel, progress).finally(() => channel.close());
    return { text: channel, done };
  }

  private async safely(question: FollowUpQuestion, channel: TextChannel | undefined, progress?: (event: AnswerProgress) => void): Promise<FollowUpAnswer> {
    try {
      return this.counted(await this.run(question, channel, progress));
    } catch (error) {
      // Only our own store can fail here (Claude's failures become offline answers): say so briefly.
      this.deps.log?.error({ err: error instanceof Error ? error.message : String(error), threadId: question.target.threadId }, 'followup: could not answer');
      return this.counted(refused('Something went wrong while answering. Please try again in a minute.', 'warning'));
    }
  }

  /** Counts the answer in the metrics: by source, and the model's tokens when it used any. */
  private counted(answer: FollowUpAnswer): FollowUpAnswer {
    const answerer = this.answerer;
    this.deps.metrics?.followUp(answer.source, answer.usage && answerer ? { provider: answerer.provider, model: answerer.model, usage: answer.usage } : undefined);
    return answer;
  }

  private async run(question: FollowUpQuestion, channel: TextChannel | undefined, progress?: (event: AnswerProgress) => void): Promise<FollowUpAnswer> {
    const asked = this.deps.clock();
    const binding = await this.threads.get(question.target);
    if (!binding) {
      return refused('This thread is not linked to a report, so there is nothing to answer from. Ask in the thread under a report post or a /trends answer.');
    }
    const report = await this.deps.store.reports.get(binding.reportDate);
    if (!report) return refused(`The ${dateOfReportKey(binding.reportDate)} report is no longer stored, so questions about it cannot be answered. Try /trends for today's report.`);
    const text = question.text.trim();
    if (!text) return refused(`Ask a question about the ${report.date} report, for example "what is new about open-weight models?"`);

    const admitted = await this.limits.admit(question, asked);
    if (!admitted.ok) return refused(admitted.message);

    const context = await buildContext(report, text, { store: this.deps.store, details: this.deps.details, now: asked, log: this.deps.log });
    let answer: { reply: Reply; plainText: string; usage: TokenUsage | null; source: 'claude' | 'openai' | 'offline' };
    const model = this.answerer;
    if (!model) {
      answer = this.offline(text, context, 'no-claude');
    } else {
      try {
        answer = { ...(await model.answer(context, binding.turns, text, channel, progress)), source: model.source };
      } catch (error) {
        this.deps.log?.warn({ provider: model.provider, model: model.model, err: model.describeError(error), threadId: question.target.threadId }, `followup: ${model.name} failed, answering offline`);
        answer = this.offline(text, context, { failed: model.name, why: whyOffline(error) });
      }
    }

    const answered = this.deps.clock();
    // Counted on the day the question was let in, the day whose budget admitted it.
    if (answer.usage) await this.limits.spend(question, tokensOf(answer.usage), asked);
    const turns: ThreadTurn[] = [
      { role: 'user', text: text.slice(0, MAX_QUESTION_CHARS), at: asked.toISOString(), userId: question.userId },
      { role: 'assistant', text: answer.plainText, at: answered.toISOString(), source: answer.source, usage: answer.usage },
    ];
    await this.threads.append(question.target, turns);
    this.deps.log?.info({ threadId: question.target.threadId, source: answer.source, model: this.model, usage: answer.usage }, 'followup: answered');
    return { reply: neutraliseReply(answer.reply), usage: answer.usage, source: answer.source };
  }

  private offline(text: string, context: AnswerContext, why: OfflineReason) {
    return { ...offlineAnswer(text, withFocusDetails(context), why), usage: null, source: 'offline' as const };
  }
}
