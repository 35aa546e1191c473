import type { ChatAdapter, MessageRef } from '../src/chat/adapter.js';
import { deliver, type BindReportThread, type Delivered } from '../src/chat/deliver.js';
import { isChatError } from '../src/chat/errors.js';
import type { InFlight } from '../src/chat/in-flight.js';
import type { ChatTarget, Platform } from '../src/chat/target.js';
import type { Logger } from '../src/log.js';
import { note, type Reply } from '../src/reply/reply.js';
import { errorReply, type Command, type CommandContext, type CommandServices, type OptionValues } from './command.js';
import { findCommand, runCommand, runParsed } from './index.js';

// The one door for a chat command, whatever the platform: the adapter acknowledges the platform's
// event (Slack's ack), reads what was asked (Discord's named options, Slack's or the terminal's typed
// words) and how to answer the asker there (`PlatformReply`); the rules of answering live here once:
// - while the bot stops, every platform refuses the same way, and an answer cut by the stop says so;
// - the command runs (admin check, parse, handler) with today's "being built" note shown meanwhile;
// - a private answer, an error or a refusal goes to the asker alone; a public answer is delivered in the
//   channel, its thread opened and bound to its report;
// - each failure (posting, opening the thread, checking who is an admin) is told to the asker privately,
//   in one wording for every platform, and logged for the operator.

/** How this platform answers the asker, as its adapter implements it. */
export interface PlatformReply<M> {
  /** Acknowledges the command before it runs, as the platform needs (Discord defers within 3 s, publicly or privately). */
  begin?(answer: Command['answer']): Promise<void>;
  /** Shows `reply` to the asker alone (Discord ephemeral messages, Slack `respond`, the terminal prints it). */
  privately(reply: Reply): Promise<void>;
  /** Posts the public answer's first message some other way (Discord edits its deferred reply). */
  postFirst?(message: M): Promise<MessageRef>;
  /** Shows the asker a note while today's report is built (CommandContext.interim); privately when absent. */
  interim?(reply: Reply): Promise<void>;
}

/** What was asked, and by whom. */
export type AskedCommand = (
  | { /** Typed words: the command's name and the words after it (Slack, the terminal). */ name: string; tokens: string[] }
  | { /** A platform's named options (Discord). */ command: Command; values: OptionValues }
) & {
  userId: string;
  /** Decided by the adapter (Discord: Manage Server), or looked up only for an admin command (Slack's users.info). */
  isAdmin: boolean | (() => Promise<boolean>);
};

export interface CommandDoorDeps<M> {
  chat: ChatAdapter<M>;
  services: CommandServices;
  /** Binds the thread a public answer opens to its report (FollowUps.bindReportThread); absent: no follow-ups. */
  bindThread?: BindReportThread;
  /** The work the platform is doing; absent where nothing stops mid-way (the terminal). */
  inFlight?: InFlight;
  /** The instant commands run at (the sample's fixed day without Reddit credentials). */
  clock: () => Date;
  /** How this platform spells a command in replies (CommandContext.spell). */
  spell?: (name: string) => string;
  log?: Logger;
}

/** The one refusal while the bot stops, and the note when a stop cuts an answer. */
export const RESTARTING: Reply = { blocks: [note('The bot is restarting; try again in a minute.', 'warning')], private: true };
export const CUT_BY_RESTART: Reply = { blocks: [note('The bot is restarting, so this answer stopped. Run the command again in a minute.', 'warning')], private: true };

const platformNames: Record<Platform, string> = { discord: 'Discord', slack: 'Slack', console: 'The terminal' };
const adminWords: Record<Platform, string> = { discord: 'a server admin', slack: 'a workspace admin', console: 'an admin' };

/** What the asker is told when the public answer could not be posted: what to do when it is theirs to fix. */
export function postFailedReply(error: unknown, platform: Platform): Reply {
  if (isChatError(error) && error.permanent) return errorReply(`I could not post the answer here: ${error.message}.${error.hint ? ` ${error.hint}` : ''}`);
  if (isChatError(error)) return errorReply(`${platformNames[platform]} had a problem while I was answering. Please try again in a minute.`);
  return errorReply("I could not answer this time. Try again in a minute; if it keeps failing, an admin can look at the bot's log.");
}

/**
 * Answers `command`, asked in `channel`, under the rules above. Resolves with the public answer's delivery
 * (undefined when the answer was private or failed); never rejects: a failure is told and logged.
 */
export function answerCommand<M>(reply: PlatformReply<M>, command: AskedCommand, channel: ChatTarget, deps: CommandDoorDeps<M>): Promise<Delivered | undefined> {
  const tell = (answer: Reply) =>
    reply.privately(answer).catch((error: unknown) => deps.log?.warn({ platform: channel.platform, channel: channel.channelId, err: String(error) }, `${channel.platform}: could not tell the asker either`));
  if (deps.inFlight && !deps.inFlight.accepting) return tell(RESTARTING).then(() => undefined);
  const work = answer(reply, command, channel, deps, tell).catch(async (error: unknown) => {
    deps.log?.error({ platform: channel.platform, workspace: channel.workspaceId, channel: channel.channelId, err: String(error) }, `${channel.platform}: a command failed`);
    await tell(postFailedReply(error, channel.platform));
    return undefined;
  });
  return deps.inFlight ? deps.inFlight.track(work, () => tell(CUT_BY_RESTART)) : work;
}

async function answer<M>(reply: PlatformReply<M>, asked: AskedCommand, channel: ChatTarget, deps: CommandDoorDeps<M>, tell: (answer: Reply) => Promise<unknown>): Promise<Delivered | undefined> {
  const command = 'command' in asked ? asked.command : findCommand(asked.name);
  try {
    await reply.begin?.(command?.answer ?? { private: true, slow: false });
  } catch (error) {
    // Too late (Discord's 3 s passed) or answered twice: there is nothing left to answer in.
    deps.log?.warn({ platform: channel.platform, command: command?.name, err: String(error) }, `${channel.platform}: could not acknowledge the command`);
    return undefined;
  }
  let isAdmin: boolean;
  try {
    isAdmin = typeof asked.isAdmin === 'boolean' ? asked.isAdmin : command?.adminOnly ? await asked.isAdmin() : false;
  } catch (error) {
    const code = isChatError(error) ? error.code : 'error';
    deps.log?.warn({ platform: channel.platform, workspace: channel.workspaceId, user: asked.userId, code, err: String(error) }, `${channel.platform}: could not check whether the asker is an admin`);
    await tell(errorReply(`I could not check whether you are ${adminWords[channel.platform]} (${platformNames[channel.platform]} said ${code}). Try again in a minute.`));
    return undefined;
  }
  const context: CommandContext = { target: channel, userId: asked.userId, isAdmin, now: deps.clock(), services: deps.services, spell: deps.spell, interim: reply.interim ?? ((note) => reply.privately(note)) };
  const result = 'command' in asked ? await runParsed(asked.command, asked.values, context) : await runCommand(asked.name, asked.tokens, context);
  if (result.private || command?.answer.private) {
    await reply.privately(result);
    return undefined;
  }
  let delivered: Delivered;
  try {
    delivered = await deliver(deps.chat, channel, result, { postFirst: reply.postFirst && ((message) => reply.postFirst!(message)), bindThread: deps.bindThread, log: deps.log });
  } catch (error) {
    const code = isChatError(error) ? error.code : 'error';
    deps.log?.warn({ platform: channel.platform, workspace: channel.workspaceId, channel: channel.channelId, command: command?.name, code }, `${channel.platform}: could not post the answer to /${command?.name}: ${error instanceof Error ? error.message : String(error)}`);
    await tell(postFailedReply(error, channel.platform));
    return undefined;
  }
  const failure = delivered.threadError;
  if (failure) await tell({ blocks: [note(`The report is above, but I could not open a thread for questions: ${failure.message}.${failure.hint ? ` ${failure.hint}` : ''}`, 'warning')], private: true });
  return delivered;
}
