import { randomUUID } from 'node:crypto';
import type { ChatAdapter } from '../chat/adapter.js';
import type { InFlight } from '../chat/in-flight.js';
import { streamAnswer } from '../chat/stream.js';
import type { Logger } from '../log.js';
import { note } from '../reply/reply.js';
import type { Claims } from '../store/claims.js';
import type { FollowUpQuestion, FollowUps } from './follow-ups.js';

// The one door for a question asked in a thread, whatever the platform: an adapter hears a message,
// keeps it if it is a person's question (its own filter) and hands it here with the id the platform
// delivered it under. The rules of answering live here once:
// - nothing new is taken while the bot stops;
// - only threads bound to a report (a /trends answer, a morning post) are answered;
// - a question is answered once, however many processes hear it (two bots on one store) or however often
//   the platform delivers it (Slack retries an event it thinks was lost): one store claim per delivery;
// - the answer is tracked, so a shutdown waits for it, or ends it with one note where it was cut;
// - then it is streamed (chat/stream.ts).

/** A question as an adapter hands it over. */
export interface ThreadQuestion extends FollowUpQuestion {
  /**
   * What the platform delivered the question as, unique on that platform: a Discord message id, a Slack
   * event id. Every delivery of one question (a retry, the same gateway event in two processes) has it.
   */
  deliveryId: string;
}

export interface ThreadDoorDeps {
  followUps: Pick<FollowUps, 'threadOf' | 'answerStream'>;
  /** The shared store's claims: two processes on one store answer a question once. */
  store: { claims: Pick<Claims, 'claim'> };
  inFlight: InFlight;
  log: Logger;
  /** Overrides the platform's edit pacing (tests, the bench). */
  editIntervalMs?: number;
}

/** A platform retries an event for about an hour; a day covers every redelivery. */
const QUESTION_CLAIM_MS = 24 * 3_600_000;

/** Said in the thread where a shutdown cut an answer. */
export const RESTART_NOTE = 'The bot is restarting, so this answer stops here. Ask again in a minute.';

/** The store key of one question's claim: `question:slack:Ev123`. */
export function questionClaimKey(platform: string, deliveryId: string): string {
  return `question:${platform}:${deliveryId}`;
}

/** Answers `question` in its thread, under the rules above. Never rejects: a failure is logged. */
export function answerInThread<M>(chat: ChatAdapter<M>, question: ThreadQuestion, deps: ThreadDoorDeps): Promise<void> {
  if (!deps.inFlight.accepting) return Promise.resolve();
  const { target } = question;
  // Set once the question passed the checks: a shutdown during them says nothing (the thread may not even be the bot's).
  let answering = false;
  const cut = async () => {
    if (answering) await chat.post(target, chat.render({ blocks: [note(RESTART_NOTE, 'warning')] })[0]!);
  };
  const work = async () => {
    // The read first: most messages in threads are not questions to the bot, and leave no claim behind.
    if (!(await deps.followUps.threadOf(target))) return;
    if (!(await deps.store.claims.claim(questionClaimKey(target.platform, question.deliveryId), randomUUID(), QUESTION_CLAIM_MS))) return;
    answering = true;
    const { userId, text } = question;
    await streamAnswer(chat, target, deps.followUps.answerStream({ target, userId, text }), { userId, editIntervalMs: deps.editIntervalMs, log: deps.log });
  };
  // Tracked from the first await on, so a shutdown never closes the store under the checks either.
  return deps.inFlight.track(work(), cut).catch((error: unknown) => {
    deps.log.warn({ platform: target.platform, workspace: target.workspaceId, channel: target.channelId, thread: target.threadId, err: String(error) }, `${target.platform}: could not answer a question`);
  });
}
