import type { Config } from '../config.js';
import { cutNote, type CutReason } from '../llm/answer-cap.js';
import type { TokenUsage } from '../llm/usage.js';
import type { Logger } from '../log.js';
import { note, type Reply } from '../reply/reply.js';
import type { ThreadTurn } from '../store/records.js';
import { formatCount } from '../text/count.js';
import { withFocusDetails, type AnswerContext } from './context.js';
import { bestMatchBlocks } from './offline.js';
import type { TextChannel } from './stream-text.js';

// The seam between follow-up answers and a language model, as analyst.ts is for the analysis: Claude
// with its citations, or any OpenAI-compatible server citing numbered sources. Both get the same context
// (context.ts) and give a grounded reply (grounding.ts); only the call differs. FollowUps asks whichever
// is configured (modelAnswerer in follow-ups.ts, as modelAnalyst in analyze.ts) and answers offline when
// there is none or it fails.

/** How far an answer has got, for a terminal that shows progress while a slow model reads (the CLI's ask). */
export type AnswerProgress =
  | { stage: 'reading'; promptTokens: number; /** About how long reading the prompt may take, at the slowest expected speed. */ expectedMs: number; model: string }
  | { stage: 'writing'; promptTokens: number; model: string };

export interface ModelAnswer {
  reply: Reply;
  /** What is kept with the thread for the next questions. */
  plainText: string;
  usage: TokenUsage;
}

export interface ModelAnswerer {
  /** What the answer's source is called (thread turns, metrics). */
  source: 'claude' | 'openai';
  /** The provider label of the metrics. */
  provider: 'anthropic' | 'openai';
  /** For the note a reader sees when it fails: "Claude", or the model id. */
  name: string;
  /** The configured model id. */
  model: string;
  /**
   * A grounded answer to `text` from `context` after `turns`; its cleaned text deltas go to `channel` as
   * they are written, and how far it has got to `progress`. Throws when the model fails: the caller answers offline.
   */
  answer(context: AnswerContext, turns: ThreadTurn[], text: string, channel: TextChannel | undefined, progress?: (event: AnswerProgress) => void): Promise<ModelAnswer>;
  /** The failure in words for the operator's log. */
  describeError(error: unknown): string;
}

/** The reply with a note under it when the bot cut the answer at a limit (what was said is kept). */
export function withCutNote(reply: Reply, cut: CutReason | undefined, limits: Config['followup'], where: { provider: string; model: string; log?: Logger }): Reply {
  if (!cut) return reply;
  where.log?.warn({ provider: where.provider, model: where.model, cut }, 'followup: the answer passed a limit and was cut');
  return { ...reply, blocks: [...reply.blocks, note(cutNote(cut, { maxTokens: limits.maxAnswerTokens, deadlineMs: limits.answerDeadlineMs }))] };
}

/** A note in words when the model stopped at its token allowance (FOLLOWUP_MAX_ANSWER_TOKENS), not only a trailing "…". */
export function withTokenLimitNote(reply: Reply, cutAtLimit: boolean, limits: Config['followup']): Reply {
  if (!cutAtLimit) return reply;
  const limit = formatCount(limits.maxAnswerTokens);
  return { ...reply, blocks: [...reply.blocks, note(`The answer was cut off at its ${limit}-token limit (FOLLOWUP_MAX_ANSWER_TOKENS): ask for a shorter answer, or for one part of it.`)] };
}

/**
 * An answer that cites no post of the report cannot be checked against it: the posts that best match the
 * question (the offline answer's search) go beside it, so the reader has the sources either way.
 */
export function withCitationsOrMatches(reply: Reply, cited: number, question: string, context: AnswerContext): Reply {
  if (cited > 0) return reply;
  return { ...reply, blocks: [...reply.blocks, ...bestMatchBlocks(question, withFocusDetails(context))] };
}
