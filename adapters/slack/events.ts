import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { InFlight } from '../../src/chat/in-flight.js';
import { streamAnswer } from '../../src/chat/stream.js';
import type { ThreadTarget } from '../../src/chat/target.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import { note } from '../../src/reply.js';
import type { Store } from '../../src/store/store.js';
import type { SlackChat } from './chat.js';

// Questions in a thread the bot bound to a report (its /trends answer or a morning post): `message`
// events with that `thread_ts`, and `app_mention` in such a thread, answered in the same thread.
// Ignored: bots (the bot itself included), edits, deletions and other subtypes, unbound threads.
// Slack retries an event it thinks was not acknowledged: each `event_id` is answered once.

export interface SlackEventDeps {
  chat: SlackChat;
  followUps: FollowUps;
  store: Store;
  log: Logger;
  inFlight: InFlight;
  botUserId: () => string | undefined;
  editIntervalMs?: number;
}

/** Slack retries an event for about an hour; a day covers every redelivery. */
const SEEN_TTL_MS = 24 * 3_600_000;
/** How long this process remembers an event id itself, before asking the store. */
const LOCAL_CLAIM_MS = 10 * 60_000;

interface ThreadMessage {
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  channel: string;
  thread_ts?: string;
}

/** True for the one process that claims the event id first (atomic on the shared store), for a day. */
function firstTime(store: Store, eventId: string): Promise<boolean> {
  return store.claims.claim(`slack-event:${eventId}`, randomUUID(), SEEN_TTL_MS);
}

export function registerEvents(app: App, deps: SlackEventDeps): void {
  // A redelivery can arrive while the first delivery is still being checked: claims in this process
  // are settled at once (for 10 minutes), the store's atomic claim settles them across restarts and
  // processes. Expired claims are dropped as new ones come, oldest first (a Map keeps insertion order),
  // rather than by a timer per event: a timer, its closure and its context held for each of thousands of
  // events showed as a steady rise in the bot's heap (test/bench/footprint.bench.ts).
  const claims = new Map<string, number>();
  const claim = (eventId: string | undefined): Promise<boolean> => {
    if (!eventId) return Promise.resolve(true);
    const now = Date.now();
    for (const [id, claimedAt] of claims) {
      if (now - claimedAt < LOCAL_CLAIM_MS) break;
      claims.delete(id);
    }
    if (claims.has(eventId)) return Promise.resolve(false);
    claims.set(eventId, now);
    return firstTime(deps.store, eventId);
  };
  const hear = (event: ThreadMessage, body: { team_id?: string; event_id?: string }, mention: boolean) => {
    if (!deps.inFlight.accepting || event.bot_id || event.subtype || !event.user || !event.thread_ts) return;
    const bot = deps.botUserId();
    const text = (event.text ?? '').replace(new RegExp(`<@${bot ?? 'U_NONE'}>`, 'g'), '').trim();
    // A mention arrives twice (message and app_mention): the app_mention answers it.
    if (!mention && bot && event.text?.includes(`<@${bot}>`)) return;
    if (!text) return;
    const target: ThreadTarget = { platform: 'slack', workspaceId: body.team_id ?? 'unknown', channelId: event.channel, threadId: event.thread_ts };
    const cut = () => deps.chat.post(target, deps.chat.render({ blocks: [note('The bot is restarting, so this answer stops here. Ask again in a minute.', 'warning')] })[0]!);
    void deps.inFlight
      .track(answer(target, event.user, text, claim(body.event_id), deps), cut)
      .catch((error) => deps.log.warn({ team: target.workspaceId, channel: target.channelId, thread: target.threadId, err: String(error) }, 'slack: could not answer'));
  };
  app.event('message', async ({ event, body }) => hear(event as ThreadMessage, body, false));
  app.event('app_mention', async ({ event, body }) => hear(event as ThreadMessage, body, true));
}

async function answer(target: ThreadTarget, userId: string, text: string, firstDelivery: Promise<boolean>, deps: SlackEventDeps): Promise<void> {
  if (!(await firstDelivery)) return;
  if (!(await deps.followUps.threadOf(target))) return;
  await streamAnswer(deps.chat, target, deps.followUps.answerStream({ target, userId, text }), { userId, editIntervalMs: deps.editIntervalMs, log: deps.log });
}
