import type { Claude } from '../llm/claude.js';
import { describeClaudeError } from '../llm/claude-errors.js';
import type { OpenAICompatible } from '../llm/openai.js';
import { openAIUsage } from '../llm/openai-usage.js';
import { toTokenUsage, type TokenUsage } from '../llm/usage.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Config } from '../config.js';
import type { PostDetailsSource } from '../reddit/post-details.js';
import { note, type Reply } from '../reply.js';
import type { ThreadTarget } from '../chat/target.js';
import type { ThreadBinding, ThreadTurn } from '../store/records.js';
import type { Store } from '../store/store.js';
import { AnswerDeadlineError, cutNote, type CutReason } from '../llm/answer-cap.js';
import { callClaude } from './claude-call.js';
import { StripThinking, withoutThinking } from '../llm/strip-thinking.js';
import { buildContext, withFocusDetails, type AnswerContext } from './context.js';
import { groundAnswer, KnownPosts } from './grounding.js';
import { QuestionLimits } from './limits.js';
import { numberedCitations, StripMarkers } from './numbered-citations.js';
import { bestMatchBlocks, offlineAnswer, type OfflineReason } from './offline.js';
import { classifyModelError } from '../llm/model-errors.js';
import { StalledStreamError, streamCompletion } from '../llm/openai-stream.js';
import { countMessagesTokens } from '../llm/server-info.js';
import { buildOpenAIAnswerRequest } from './openai-prompt.js';
import { buildAnswerRequest, MAX_QUESTION_CHARS } from './prompt.js';
import { estimatePromptTokens } from '../llm/prompt-tokens.js';
import { neutraliseReply } from './safe-reply.js';
import { CleanDeltas, TextChannel } from './stream-text.js';
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

/** How far an answer has got, for a terminal that shows progress while a slow model reads (the CLI's ask). */
export type AnswerProgress =
  | { stage: 'reading'; promptTokens: number; /** About how long reading the prompt may take, at the slowest expected speed. */ expectedMs: number; model: string }
  | { stage: 'writing'; promptTokens: number; model: string };

/** Tokens kept free of the prompt and the answer: a chat template's own, a tokenizer's small disagreement. */
const ANSWER_CONTEXT_MARGIN = 64;

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
  /** Fetches bodies and top comments of the report's posts on demand; without it, only cached ones. */
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
  if (failure.kind === 'overflow') return `the question's data did not fit its context${failure.contextTokens ? ` of ${failure.contextTokens.toLocaleString('en-US')} tokens` : ''}`;
  return undefined;
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

  constructor(private readonly deps: FollowUpDeps) {
    this.threads = new ThreadStore(deps.store);
    this.limits = new QuestionLimits(deps.store, deps.limits);
  }

  /** The model answers are written by (Claude or the OpenAI-compatible server); undefined when answers are offline. */
  get model(): string | undefined {
    return this.deps.claude?.settings.model ?? this.deps.openai?.settings.model;
  }

  /** Remembers that a thread talks about the report of `reportDate` (re-binding to it keeps the turns). */
  bindThread(binding: BindThread): Promise<void> {
    return this.threads.bind(binding, this.deps.clock());
  }

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
    const model = this.model;
    const provider = this.deps.claude ? 'anthropic' : 'openai';
    this.deps.metrics?.followUp(answer.source, answer.usage && model ? { provider, model, usage: answer.usage } : undefined);
    return answer;
  }

  private async run(question: FollowUpQuestion, channel: TextChannel | undefined, progress?: (event: AnswerProgress) => void): Promise<FollowUpAnswer> {
    const asked = this.deps.clock();
    const binding = await this.threads.get(question.target);
    if (!binding) {
      return refused('This thread is not linked to a report, so there is nothing to answer from. Ask in the thread under a report post or a /trends answer.');
    }
    const report = await this.deps.store.reports.get(binding.reportDate);
    if (!report) return refused(`The ${binding.reportDate} report is no longer stored, so questions about it cannot be answered. Try /trends for today's report.`);
    const text = question.text.trim();
    if (!text) return refused(`Ask a question about the ${report.date} report, for example "what is new about open-weight models?"`);

    const admitted = await this.limits.admit(question, asked);
    if (!admitted.ok) return refused(admitted.message);

    const context = await buildContext(report, text, { store: this.deps.store, details: this.deps.details, now: asked, log: this.deps.log });
    let answer: { reply: Reply; plainText: string; usage: TokenUsage | null; source: 'claude' | 'openai' | 'offline' };
    const { claude, openai } = this.deps;
    if (openai && !claude) {
      try {
        answer = { ...(await this.askOpenAI(openai, context, binding.turns, text, channel, progress)), source: 'openai' };
      } catch (error) {
        const model = openai.settings.model;
        this.deps.log?.warn({ provider: 'openai', model, err: openai.describeError(error), threadId: question.target.threadId }, 'followup: the model failed, answering offline');
        answer = this.offline(text, context, { failed: model, why: whyOffline(error) });
      }
    } else if (claude) {
      try {
        answer = { ...(await this.askClaude(claude, context, binding.turns, text, channel)), source: 'claude' };
      } catch (error) {
        this.deps.log?.warn({ err: describeClaudeError(error), threadId: question.target.threadId }, 'followup: Claude failed, answering offline');
        answer = this.offline(text, context, { failed: 'Claude', why: whyOffline(error) });
      }
    } else {
      answer = this.offline(text, context, 'no-claude');
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

  private async askClaude(claude: Claude, context: AnswerContext, turns: ThreadTurn[], text: string, channel: TextChannel | undefined) {
    const known = new KnownPosts([...context.sources, ...(context.past?.sources ?? [])].map((s) => s.post));
    const request = buildAnswerRequest(context, turns, text);
    const deltas = channel ? new CleanDeltas((id) => known.has(id)) : undefined;
    const { maxAnswerTokens, answerDeadlineMs } = this.deps.limits;
    const { message, cut } = await callClaude(
      claude,
      { model: claude.settings.model, max_tokens: maxAnswerTokens, ...request },
      answerDeadlineMs,
      deltas && channel ? (delta) => channel.push(deltas.push(delta)) : undefined,
    );
    if (deltas && channel) channel.push(deltas.end());
    const grounded = groundAnswer(message.content, known, message.stop_reason);
    if (grounded.reply.blocks.length === 0) throw new Error('Claude answered with no text');
    if (grounded.droppedCitations || grounded.removedLinks) {
      this.deps.log?.info({ dropped: grounded.droppedCitations, removedLinks: grounded.removedLinks }, 'followup: removed citations or links to unknown sources');
    }
    const usage = toTokenUsage(message.usage, claude.settings.model, claude.settings.priceOverride);
    const reply = this.withCitationsOrMatches(this.withTokenLimit(this.withCut(grounded.reply, cut, 'claude'), message.stop_reason === 'max_tokens' && !cut), grounded.cited.length, text, context);
    return { reply, plainText: grounded.plainText, usage };
  }

  private async askOpenAI(llm: OpenAICompatible, context: AnswerContext, turns: ThreadTurn[], text: string, channel: TextChannel | undefined, progress?: (event: AnswerProgress) => void) {
    const maxTokens = this.deps.limits.maxAnswerTokens;
    // The server's own context and tokenizer when it tells them (server-info.ts); a budget the count exceeds is tightened once.
    const server = await llm.server();
    let budget = server.contextTokens - maxTokens - ANSWER_CONTEXT_MARGIN;
    let request = buildOpenAIAnswerRequest(context, turns, text, budget);
    let counted = await countMessagesTokens(request.messages, server.info);
    if (counted.tokens > budget) {
      budget = Math.floor((budget * budget) / counted.tokens);
      request = buildOpenAIAnswerRequest(context, turns, text, budget);
      counted = await countMessagesTokens(request.messages, server.info);
    }
    if (request.trimmed > 0) this.deps.log?.info({ provider: 'openai', model: llm.settings.model, trimmed: request.trimmed }, 'followup: bodies and comments cut to fit the prompt budget');
    const known = new KnownPosts(request.sources.map((s) => s.post));
    // Deltas lose the model's thinking and their "[n]" markers first (the final reply shows the real ones),
    // then are cleaned as Claude's.
    const thinking = new StripThinking();
    const markers = new StripMarkers();
    const deltas = new CleanDeltas((id) => known.has(id));
    const deadlineMs = this.deps.limits.answerDeadlineMs;
    progress?.({ stage: 'reading', promptTokens: counted.tokens, expectedMs: llm.firstTokenTimeoutMs(counted.tokens) - llm.settings.timeoutMs, model: llm.settings.model });
    const completion = await streamCompletion(
      llm,
      { messages: request.messages, maxTokens, deadlineMs, promptTokens: counted.tokens, onFirstToken: () => progress?.({ stage: 'writing', promptTokens: counted.tokens, model: llm.settings.model }) },
      channel ? (delta) => channel.push(deltas.push(markers.push(thinking.push(delta)))) : undefined,
    );
    if (channel) channel.push(deltas.push(markers.push(thinking.end()) + markers.end()) + deltas.end());
    // A reasoning model may think aloud in the text before it answers.
    const answerText = withoutThinking(completion.text);
    const cited = numberedCitations(answerText, request.sources);
    const grounded = groundAnswer(cited.content, known, completion.cut || completion.finishReason === 'length' ? 'max_tokens' : 'end_turn');
    if (grounded.reply.blocks.length === 0) throw new Error(`${llm.settings.model} answered with no text`);
    if (cited.invented || grounded.removedLinks) {
      this.deps.log?.info({ provider: 'openai', dropped: cited.invented, removedLinks: grounded.removedLinks }, 'followup: removed citations or links to unknown sources');
    }
    // A server that sends no usage is counted from what went and came.
    const usage = openAIUsage(completion.usage ?? { prompt_tokens: counted.tokens, completion_tokens: estimatePromptTokens(completion.text), total_tokens: 0 }, llm.settings);
    const cutAtLimit = completion.finishReason === 'length' && !completion.cut;
    const reply = this.withCitationsOrMatches(this.withTokenLimit(this.withCut(grounded.reply, completion.cut, 'openai'), cutAtLimit), grounded.cited.length, text, context);
    return { reply, plainText: grounded.plainText, usage };
  }

  /** A note in words when the model stopped at its token allowance (FOLLOWUP_MAX_ANSWER_TOKENS), not only a trailing "…". */
  private withTokenLimit(reply: Reply, cutAtLimit: boolean): Reply {
    if (!cutAtLimit) return reply;
    const limit = this.deps.limits.maxAnswerTokens.toLocaleString('en-US');
    return { ...reply, blocks: [...reply.blocks, note(`The answer was cut off at its ${limit}-token limit (FOLLOWUP_MAX_ANSWER_TOKENS): ask for a shorter answer, or for one part of it.`)] };
  }

  /**
   * An answer that cites no post of the report cannot be checked against it: the posts that best match the
   * question (the offline answer's search) go beside it, so the reader has the sources either way.
   */
  private withCitationsOrMatches(reply: Reply, cited: number, question: string, context: AnswerContext): Reply {
    if (cited > 0) return reply;
    return { ...reply, blocks: [...reply.blocks, ...bestMatchBlocks(question, withFocusDetails(context))] };
  }

  /** The reply with a note under it when the bot cut the answer at a limit (what was said is kept). */
  private withCut(reply: Reply, cut: CutReason | undefined, provider: string): Reply {
    if (!cut) return reply;
    this.deps.log?.warn({ provider, model: this.model, cut }, 'followup: the answer passed a limit and was cut');
    return { ...reply, blocks: [...reply.blocks, note(cutNote(cut, { maxTokens: this.deps.limits.maxAnswerTokens, deadlineMs: this.deps.limits.answerDeadlineMs }))] };
  }
}
