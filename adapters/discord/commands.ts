import { Events, MessageFlags, PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction, type Client } from 'discord.js';
import { answerCommand, type PlatformReply } from '../../commands/answer-command.js';
import { suggestValues } from '../../commands/suggest.js';
import { isChatError } from '../../src/chat/errors.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { DiscordMessage } from '../../src/render/discord.js';
import { note, type Reply } from '../../src/reply/reply.js';
import type { DiscordDeps } from './deps.js';
import { commandForDiscordName, discordName } from './definitions.js';
import { toChatError } from './errors.js';

// Slash commands, as Discord delivers them, for the one command door (commands/answer-command.ts). Kept
// here: the command's name and option values, who may run admin commands (Manage Server), and Discord's
// way of answering an interaction: deferred at once (3 s), publicly or privately as the command declares;
// the public answer's first message edits that deferred reply; whatever is for the asker alone is an
// ephemeral message, in place of a public "thinking…" placeholder, which is removed.

/** The interaction token lives 15 minutes; past this, the answer is posted as a normal message. */
const TOKEN_LIFETIME_MS = 14 * 60_000;

export function targetOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): ChatTarget {
  const channel = interaction.channel;
  const workspaceId = interaction.guildId ?? 'dm';
  if (channel?.isThread()) return { platform: 'discord', workspaceId, channelId: channel.parentId ?? channel.id, threadId: channel.id };
  return { platform: 'discord', workspaceId, channelId: interaction.channelId };
}

const ephemeral = (message: DiscordMessage) => ({ ...message, flags: (message.flags ?? 0) | MessageFlags.Ephemeral });
const spell = (name: string) => `/${discordName({ name })}`;

export function listenForCommands(client: Client, deps: DiscordDeps): void {
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void hearCommand(interaction, deps).catch((error) => deps.log.error({ err: String(error) }, 'discord: command failed'));
    else if (interaction.isAutocomplete()) void suggest(interaction, deps).catch((error) => deps.log.debug({ err: String(error) }, 'discord: autocomplete failed'));
  });
}

async function hearCommand(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const command = commandForDiscordName(interaction.commandName);
  if (!command) {
    await interaction.reply(ephemeral(deps.chat.render({ blocks: [note(`/${interaction.commandName} is not one of this bot's commands any more. Try /trends-help.`, 'error')] })[0]!));
    return;
  }
  const values = Object.fromEntries(command.options.map((option) => [option.name, interaction.options.getString(option.name) ?? undefined]));
  // Manage Server, checked now: a server admin can override the registered default per channel. In a
  // DM the user is alone with the bot, as in the terminal.
  const isAdmin = interaction.inGuild() ? interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild) : true;
  await answerCommand(interactionReply(interaction, deps), { command, values, userId: interaction.user.id, isAdmin }, targetOf(interaction), { ...deps, bindThread: deps.followUps.bindReportThread, spell });
}

/** Answering through the interaction: its deferred reply, then ephemeral follow-ups. */
function interactionReply(interaction: ChatInputCommandInteraction, deps: DiscordDeps): PlatformReply<DiscordMessage> {
  // What the deferred reply is now: a public "thinking…" (or a note in its place), the asker's private
  // answer to come, or taken by the public answer's first message.
  let placeholder: 'none' | 'public' | 'private' | 'used' = 'none';
  const tokenAlive = () => Date.now() - interaction.createdTimestamp < TOKEN_LIFETIME_MS;
  return {
    async begin(answer) {
      await interaction.deferReply(answer.private ? { flags: MessageFlags.Ephemeral } : {});
      placeholder = answer.private ? 'private' : 'public';
    },
    async privately(reply: Reply) {
      const messages = deps.chat.render(reply).map(ephemeral);
      let [first, ...rest] = messages;
      if (placeholder === 'none' && first) {
        await interaction.reply(first);
        placeholder = 'used';
        first = undefined;
      } else if (placeholder === 'private' && first) {
        await interaction.editReply(first);
        placeholder = 'used';
        first = undefined;
      } else if (placeholder === 'public') {
        await interaction.deleteReply().catch(() => undefined);
        placeholder = 'used';
      }
      for (const message of first ? [first, ...rest] : rest) await interaction.followUp(message);
    },
    async postFirst(message) {
      const target = targetOf(interaction);
      if (!tokenAlive()) return deps.chat.post(target, message);
      try {
        const sent = await interaction.editReply(message);
        placeholder = 'used';
        return { target, messageId: sent.id };
      } catch (error) {
        // In the chat port's words, as every other post (the door tells the asker what to do).
        throw toChatError(error, 'Send Messages');
      }
    },
    // In place of "thinking…": the answer edits it again when ready (or, after the token's 15 min, posts anew).
    async interim(reply) {
      const [message] = deps.chat.render(reply);
      if (message && tokenAlive()) await interaction.editReply(message);
    },
  };
}

/** Values for the option being typed (stored report days, communities, time zones). */
async function suggest(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void> {
  const command = commandForDiscordName(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const option = command?.options.find((o) => o.name === focused.name);
  const values = option ? await suggestValues(option, String(focused.value), { services: deps.services, now: deps.clock() }) : [];
  try {
    await interaction.respond(values.map((value) => ({ name: value.slice(0, 100), value: value.slice(0, 100) })));
  } catch (error) {
    if (!isChatError(error)) deps.log.debug({ err: String(error) }, 'discord: autocomplete answer arrived too late');
  }
}
