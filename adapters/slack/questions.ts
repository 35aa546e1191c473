import type { App } from '@slack/bolt';
import type { ThreadTarget } from '../../src/chat/target.js';
import { answerInThread } from '../../src/followup/answer-in-thread.js';
import type { SlackDeps } from './deps.js';

// Events the app receives, as questions for the one door (src/followup/answer-in-thread.ts), which
// decides whether and how they are answered. Heard here: `message` events with a `thread_ts`, and
// `app_mention` in a thread, from people, with some text once the bot's mention is taken out. Not heard:
// bots (the bot itself included), edits, deletions and other subtypes, messages outside threads.

interface ThreadMessage {
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  channel: string;
  ts?: string;
  thread_ts?: string;
}

export function listenForQuestions(app: App, deps: SlackDeps): void {
  const hear = (event: ThreadMessage, body: { team_id?: string; event_id?: string }, mention: boolean) => {
    if (event.bot_id || event.subtype || !event.user || !event.thread_ts) return;
    const bot = deps.botUserId();
    // A mention arrives twice (message and app_mention): the app_mention answers it.
    if (!mention && bot && event.text?.includes(`<@${bot}>`)) return;
    const text = (event.text ?? '').replace(new RegExp(`<@${bot ?? 'U_NONE'}>`, 'g'), '').trim();
    if (!text) return;
    const target: ThreadTarget = { platform: 'slack', workspaceId: body.team_id ?? 'unknown', channelId: event.channel, threadId: event.thread_ts };
    // Slack retries an event it thinks was lost with the same event_id; a message's ts is unique in its channel.
    const deliveryId = body.event_id ?? `${event.channel}:${event.ts}`;
    void answerInThread(deps.chat, { target, userId: event.user, text, deliveryId }, deps);
  };
  app.event('message', async ({ event, body }) => hear(event as ThreadMessage, body, false));
  app.event('app_mention', async ({ event, body }) => hear(event as ThreadMessage, body, true));
}
