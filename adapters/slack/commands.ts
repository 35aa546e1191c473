import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { findCommand, runCommand, type CommandServices } from '../../commands/index.js';
import { deliver } from '../../src/chat/deliver.js';
import type { InFlight } from '../../src/chat/in-flight.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import { note, type Reply } from '../../src/reply.js';
import type { SlackChat } from './chat.js';
import { toChatError } from './errors.js';

// `/trends [words]`: acked at once (Slack allows 3 s), then the words run as the neutral commands do in the
// terminal — the first word may name another command (`/trends subscribe 07:30 Europe/Berlin`,
// `/trends help`). The answer is posted in the channel, so the team sees it and can ask in its thread;
// errors, refusals and help go only to the asker (`respond`, ephemeral).

export interface SlackCommandDeps {
  chat: SlackChat;
  services: CommandServices;
  followUps: FollowUps;
  clock: () => Date;
  log: Logger;
  isAdmin(userId: string): Promise<boolean>;
  inFlight: InFlight;
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
    if (!deps.inFlight.accepting) return void (await respond({ response_type: 'ephemeral', text: 'The bot is restarting; try again in a minute.' }));
    const ephemeral = (text: string) => respond({ response_type: 'ephemeral', text }).catch((error) => deps.log.warn({ err: String(error) }, 'slack: could not tell the user either'));
    // Cut by a shutdown: the asker learns the answer stopped and when to ask again.
    const cut = () => ephemeral('The bot is restarting, so this answer stopped. Run the command again in a minute.');
    await deps.inFlight.track(runSlashCommand(command, respond, deps), cut).catch(async (error) => {
      deps.log.error({ team: command.team_id, channel: command.channel_id, err: String(error) }, 'slack: /trends failed');
      await ephemeral(`I could not answer this time (${toChatError(error).code}). Try again in a minute; if it keeps failing, an admin can look at the bot's log.`);
    });
  });
}

export async function runSlashCommand(command: SlashCommand, respond: RespondFn, deps: SlackCommandDeps): Promise<void> {
  const target: ChatTarget = { platform: 'slack', workspaceId: command.team_id, channelId: command.channel_id };
  const { name, tokens } = commandWords(command.text);
  let isAdmin = false;
  try {
    isAdmin = findCommand(name)?.adminOnly ? await deps.isAdmin(command.user_id) : false;
  } catch (error) {
    const failure = toChatError(error);
    deps.log.warn({ team: target.workspaceId, user: command.user_id, code: failure.code }, `slack: users.info failed: ${failure.message}`);
    return void (await respond({ response_type: 'ephemeral', text: `I could not check whether you are a workspace admin (Slack said ${failure.code}). Try again in a minute.` }));
  }
  const privately = (answer: Reply) => Promise.all(deps.chat.render(answer).map((m) => respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks })));
  // A note for the asker while today's report is collected (response_url: 30 min, 5 uses); the report
  // itself is posted with the bot token whenever it is ready.
  const interim = async (answer: Reply) => void (await privately(answer));
  const reply = await runCommand(name, tokens, { target, userId: command.user_id, isAdmin, now: deps.clock(), services: deps.services, spell: slackSpelling, interim });
  if (reply.private || findCommand(name)?.answer.private) return void (await privately(reply));
  try {
    await deliver(deps.chat, target, reply, { bindThread: (thread, reportDate) => deps.followUps.bindThread({ target: thread, reportDate }), log: deps.log });
  } catch (error) {
    const failure = toChatError(error);
    deps.log.warn({ team: target.workspaceId, channel: target.channelId, code: failure.code }, `slack: could not post /trends: ${failure.message}`);
    await privately({ blocks: [note(`I could not post the answer here (${failure.code}).${failure.hint ? ` ${failure.hint}` : ''}`, 'error')], private: true });
  }
}
