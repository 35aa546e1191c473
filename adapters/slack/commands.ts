import type { App, RespondFn } from '@slack/bolt';
import { answerCommand, type PlatformReply } from '../../commands/answer-command.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { SlackMessage } from '../../src/render/slack.js';
import type { Reply } from '../../src/reply/reply.js';
import type { SlackChat } from './chat.js';
import type { SlackDeps } from './deps.js';
import { toChatError } from './errors.js';

// `/trends [words]`, as Slack delivers it, for the one command door (commands/answer-command.ts). Kept
// here: the ack (Slack allows 3 s), the words (the first may name another command: `/trends subscribe
// 07:30 Europe/Berlin`, `/trends help`), who is a workspace admin, and Slack's way of answering the asker
// alone: `respond` (ephemeral, through the command's response_url).

const subcommands = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'alerts', 'help']);

/** `/trends week rag` → trends [week, rag]; `/trends subscribe 07:30` → subscribe [07:30]. */
export function commandWords(text: string): { name: string; tokens: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  return first && subcommands.has(first) ? { name: first, tokens: words.slice(1) } : { name: 'trends', tokens: words };
}

/** In Slack every command is a word after `/trends`. */
const slackSpelling = (name: string) => (name === 'trends' ? '/trends' : `/trends ${name}`);

export function listenForCommands(app: App, deps: SlackDeps): void {
  const isAdmin = workspaceAdmins(app.client, deps.adminUserIds);
  app.command('/trends', async ({ ack, command, respond }) => {
    await ack();
    const channel: ChatTarget = { platform: 'slack', workspaceId: command.team_id, channelId: command.channel_id };
    const asked = { ...commandWords(command.text), userId: command.user_id, isAdmin: () => isAdmin(command.user_id) };
    await answerCommand(respondReply(respond, deps.chat), asked, channel, { ...deps, bindThread: deps.followUps.bindReportThread, spell: slackSpelling });
  });
}

/**
 * Whether a user is a workspace admin or owner (users.info), or named in SLACK_ADMIN_USER_IDS. The lookup
 * itself is cached, so two commands at once from one user ask Slack once; a failed lookup is forgotten,
 * so the next command asks again.
 */
function workspaceAdmins(client: App['client'], listed: readonly string[] = []): (userId: string) => Promise<boolean> {
  const admins = new Map<string, Promise<boolean>>();
  return (userId) => {
    if (listed.includes(userId)) return Promise.resolve(true);
    let known = admins.get(userId);
    if (!known) {
      known = client.users.info({ user: userId }).then(
        ({ user }) => user?.is_admin === true || user?.is_owner === true,
        (error: unknown) => Promise.reject(toChatError(error)),
      );
      admins.set(userId, known);
      known.catch(() => admins.delete(userId));
    }
    return known;
  };
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
