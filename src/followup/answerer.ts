import type { Config } from '../config.js';
import { cutNote, type CutReason } from '../llm/answer-cap.js';
import type { TokenUsage } from '../llm/usage.js';
import type { Logger } from '../log.js';
import { note, type Reply } from '../reply/reply.js';
import type { ThreadTurn } from '../store/records.js';
import type { AnswerContext } from './context.js';
import type { TextChannel } from './stream-text.js';

// The seam between follow-up answers and a language model, as analyst.ts is for the analysis: Claude
// with its citations, or any OpenAI-compatible server citing numbered sources. Both get the same context
// (context.ts) and give a grounded reply (grounding.ts); only the call differs. FollowUps asks whichever
// is configured (modelAnswerer in follow-ups.ts, as modelAnalyst in analyze.ts) and answers offline when
// there is none or it fails.

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
   * they are written. Throws when the model fails: the caller answers offline.
   */
  answer(context: AnswerContext, turns: ThreadTurn[], text: string, channel: TextChannel | undefined): Promise<ModelAnswer>;
  /** The failure in words for the operator's log. */
  describeError(error: unknown): string;
}

/** The reply with a note under it when the bot cut the answer at a limit (what was said is kept). */
export function withCutNote(reply: Reply, cut: CutReason | undefined, limits: Config['followup'], where: { provider: string; model: string; log?: Logger }): Reply {
  if (!cut) return reply;
  where.log?.warn({ provider: where.provider, model: where.model, cut }, 'followup: the answer passed a limit and was cut');
  return { ...reply, blocks: [...reply.blocks, note(cutNote(cut, { maxTokens: limits.maxAnswerTokens, deadlineMs: limits.answerDeadlineMs }))] };
}
