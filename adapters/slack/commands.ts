import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { answerCommand, type CommandDoorDeps, type PlatformReply } from '../../commands/answer-command.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { Reply } from '../../src/reply.js';
import type { SlackMessage } from '../../src/render/slack.js';
import type { SlackChat } from './chat.js';
import { toChatError } from './errors.js';

// `/trends [words]`, as Slack delivers it, for the one command door (commands/answer-command.ts). Kept
// here: the ack (Slack allows 3 s), the words (the first may name another command: `/trends subscribe
// 07:30 Europe/Berlin`, `/trends help`), who is a workspace admin, and Slack's way of answering the asker
// alone: `respond` (ephemeral, through the command's response_url).

export interface SlackCommandDeps extends Omit<CommandDoorDeps<SlackMessage>, 'spell'> {
  chat: SlackChat;
  isAdmin(userId: string): Promise<boolean>;
}

const subcommands = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'help']);

/** `/trends week rag` → trends [week, rag]; `/trends subscribe 07:30` → subscribe [07:30]. */
export function commandWords(text: string): { name: string; tokens: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  return first && subcommands.has(first) ? { name: first, tokens: words.slice(1) } : { name: 'trends', tokens: words };
}

/** In Slack every command is a word after `/trends`. */
const slackSpelling = (name: string) => (name === 'trends' ? '/trends' : `/trends ${name}`);

export function registerCommands(app: App, deps: SlackCommandDeps): void {
  app.command('/trends', async ({ ack, command, respond }) => {
    await ack();
    await runSlashCommand(command, respond, deps);
  });
}

export async function runSlashCommand(command: SlashCommand, respond: RespondFn, deps: SlackCommandDeps): Promise<void> {
  const channel: ChatTarget = { platform: 'slack', workspaceId: command.team_id, channelId: command.channel_id };
  const isAdmin = () => deps.isAdmin(command.user_id).catch((error: unknown) => Promise.reject(toChatError(error)));
  await answerCommand(respondReply(respond, deps.chat), { ...commandWords(command.text), userId: command.user_id, isAdmin }, channel, { ...deps, spell: slackSpelling });
}

/**
 * The asker alone hears through the response_url (30 minutes, 5 uses: enough for a note while today's
 * report is collected and the answer); the public answer is posted with the bot token whenever it is ready.
 */
function respondReply(respond: RespondFn, chat: SlackChat): PlatformReply<SlackMessage> {
  return {
    async privately(reply: Reply) {
      for (const message of chat.render(reply)) await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    },
  };
}
