import { MessageFlags, PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { runParsed, type Command, type CommandContext } from '../../commands/index.js';
import { suggestValues } from '../../commands/suggest.js';
import type { MessageRef } from '../../src/chat/adapter.js';
import { deliver } from '../../src/chat/deliver.js';
import { isChatError } from '../../src/chat/errors.js';
import type { ChatTarget } from '../../src/chat/target.js';
import type { DiscordMessage } from '../../src/render/discord.js';
import { note, type Reply } from '../../src/reply.js';
import type { DiscordDeps } from './context.js';
import { commandForDiscordName, discordName } from './definitions.js';
import { toChatError } from './errors.js';

// Slash commands: deferred at once (Discord allows 3 s), publicly or privately as the command declares,
// then run through the neutral command and delivered: the first message edits the deferred reply, the
// thread opens under it, the rest follows in the thread. An error or refusal is private whatever was
// declared: the public "thinking…" placeholder is removed and the answer goes to the asker alone.

/** The interaction token lives 15 minutes; past this, the answer is posted as a normal message. */
const TOKEN_LIFETIME_MS = 14 * 60_000;

export function targetOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): ChatTarget {
  const channel = interaction.channel;
  const workspaceId = interaction.guildId ?? 'dm';
  if (channel?.isThread()) return { platform: 'discord', workspaceId, channelId: channel.parentId ?? channel.id, threadId: channel.id };
  return { platform: 'discord', workspaceId, channelId: interaction.channelId };
}

function contextOf(interaction: ChatInputCommandInteraction, deps: DiscordDeps): CommandContext {
  // Manage Server, checked now: a server admin can override the registered default per channel. In a
  // DM the user is alone with the bot, as in the terminal.
  const isAdmin = interaction.inGuild() ? interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild) : true;
  return {
    target: targetOf(interaction),
    userId: interaction.user.id,
    isAdmin,
    now: deps.clock(),
    services: deps.services,
    spell: (name) => `/${discordName({ name })}`,
    // In place of "thinking…": the answer edits it again when ready (or, after the token's 15 min, posts anew).
    interim: async (reply) => {
      const [message] = deps.chat.render(reply);
      if (message && Date.now() - interaction.createdTimestamp < TOKEN_LIFETIME_MS) await interaction.editReply(message);
    },
  };
}

const ephemeral = (message: DiscordMessage) => ({ ...message, flags: (message.flags ?? 0) | MessageFlags.Ephemeral });

export async function handleCommand(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const command = commandForDiscordName(interaction.commandName);
  if (!command) {
    await interaction.reply(ephemeral(deps.chat.render({ blocks: [note(`/${interaction.commandName} is not one of this bot's commands any more. Try /trends-help.`, 'error')] })[0]!));
    return;
  }
  try {
    await interaction.deferReply(command.answer.private ? { flags: MessageFlags.Ephemeral } : {});
  } catch (error) {
    deps.log.warn({ err: String(error), command: command.name }, 'discord: could not defer (answered too late or twice)');
    return;
  }
  const values = Object.fromEntries(command.options.map((option) => [option.name, interaction.options.getString(option.name) ?? undefined]));
  const reply = await runParsed(command, values, contextOf(interaction, deps));
  try {
    await answer(interaction, command, reply, deps);
  } catch (error) {
    const failure = toChatError(error);
    deps.log.warn({ guild: interaction.guildId, channel: interaction.channelId, code: failure.code, kind: failure.kind }, `discord: /${command.name} answer failed: ${failure.message}`);
    const what = failure.permanent ? `I could not post the answer here: ${failure.message}.${failure.hint ? ` ${failure.hint}` : ''}` : 'Discord had a problem while I was answering. Please try again in a minute.';
    await sendPrivately(interaction, { blocks: [note(what, 'error')], private: true }, deps, command.answer.private).catch((again) => deps.log.warn({ err: String(again) }, 'discord: could not tell the user either'));
  }
}

async function answer(interaction: ChatInputCommandInteraction, command: Command, reply: Reply, deps: DiscordDeps): Promise<void> {
  if (reply.private || command.answer.private) return sendPrivately(interaction, reply, deps, command.answer.private);
  const target = targetOf(interaction);
  const delivered = await deliver(deps.chat, target, reply, {
    postFirst: (message) => firstMessage(interaction, target, message, deps),
    bindThread: (thread, reportDate) => deps.followUps.bindThread({ target: thread, reportDate }),
    log: deps.log,
  });
  const failure = delivered.threadError;
  if (failure) {
    const message = deps.chat.render({ blocks: [note(`The report is above, but I could not open a thread for questions: ${failure.message}.${failure.hint ? ` ${failure.hint}` : ''}`, 'warning')] })[0]!;
    await interaction.followUp(ephemeral(message));
  }
}

async function firstMessage(interaction: ChatInputCommandInteraction, target: ChatTarget, message: DiscordMessage, deps: DiscordDeps): Promise<MessageRef> {
  if (Date.now() - interaction.createdTimestamp > TOKEN_LIFETIME_MS) return deps.chat.post(target, message);
  const sent = await interaction.editReply(message);
  return { target, messageId: sent.id };
}

/** The reply for the asker only: in the private deferral, or in place of a public one. */
async function sendPrivately(interaction: ChatInputCommandInteraction, reply: Reply, deps: DiscordDeps, deferredPrivately: boolean): Promise<void> {
  const messages = deps.chat.render(reply).map(ephemeral);
  let [first, ...rest] = messages;
  if (interaction.deferred && deferredPrivately && first) {
    await interaction.editReply(first);
    first = undefined;
  } else if (interaction.deferred || interaction.replied) {
    await interaction.deleteReply().catch(() => undefined);
  }
  for (const message of first ? [first, ...rest] : rest) await interaction.followUp(message);
}

export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void> {
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
