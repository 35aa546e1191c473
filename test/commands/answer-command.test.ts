import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerCommand, CUT_BY_RESTART, RESTARTING, type CommandDoorDeps, type PlatformReply } from '../../commands/answer-command.js';
import type { Command, CommandServices } from '../../commands/index.js';
import { findCommand } from '../../commands/index.js';
import { ChatError } from '../../src/chat/errors.js';
import { InFlight } from '../../src/chat/in-flight.js';
import type { ChatTarget, ThreadTarget } from '../../src/chat/target.js';
import type { DiscordMessage } from '../../src/render/discord.js';
import { renderTextReply } from '../../src/render/text.js';
import type { Reply } from '../../src/reply/reply.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { memoryLog } from '../helpers/memory-log.js';
import { openHarness, SAMPLE_NOW, type Harness } from './helpers.js';

// The rules of answering a chat command, once for every platform (the adapters only read the event and
// say how to answer the asker there): on the in-memory chat platform, with the real commands on the
// bundled sample and a real SQLite store.

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const discord: ChatTarget = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const slack: ChatTarget = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };

/** A platform's way of answering, recording what the asker alone was told and what else it was asked. */
function asker(options: { failBegin?: boolean; interim?: boolean } = {}) {
  const told: string[] = [];
  const begun: Array<Command['answer']> = [];
  const interims: string[] = [];
  const reply: PlatformReply<DiscordMessage> = {
    begin: async (answer) => {
      if (options.failBegin) throw new Error('Unknown interaction');
      begun.push(answer);
    },
    privately: async (answer: Reply) => void told.push(renderTextReply(answer, { width: 1000 })),
    ...(options.interim ? { interim: async (answer: Reply) => void interims.push(renderTextReply(answer, { width: 1000 })) } : {}),
  };
  return { reply, told, begun, interims };
}

function doorDeps(chat: FakeChatAdapter, overrides: Partial<CommandDoorDeps<DiscordMessage>> = {}) {
  const bound: Array<{ thread: ThreadTarget; reportDate: string }> = [];
  const { log, lines } = memoryLog();
  const deps: CommandDoorDeps<DiscordMessage> = {
    chat,
    services: { reports: h.reports, store: h.store },
    bindThread: async (thread, reportDate) => void bound.push({ thread, reportDate }),
    inFlight: new InFlight(),
    clock: () => SAMPLE_NOW,
    log,
    ...overrides,
  };
  return { deps, bound, lines };
}

const typed = (line: string, extra: { isAdmin?: boolean | (() => Promise<boolean>) } = {}) => {
  const [name = '', ...tokens] = line.split(' ');
  return { name, tokens, userId: 'U1', isAdmin: extra.isAdmin ?? true };
};

describe('answerCommand', () => {
  it('delivers a public answer in the channel, opens its thread and binds it to the report; nothing is said privately', async () => {
    const chat = new FakeChatAdapter();
    const { deps, bound } = doorDeps(chat);
    const { reply, told, begun } = asker();
    const delivered = await answerCommand(reply, typed('trends today'), discord, deps);
    expect(begun).toEqual([{ private: false, slow: true }]);
    expect(chat.channelPosts('C1')).toHaveLength(1);
    expect(chat.channelPosts('C1')[0]!.content).toMatch(/Trend Report - 2026-02-11/);
    expect(delivered?.thread).toEqual({ ...discord, threadId: `thread-of-${chat.channelPosts('C1')[0]!.id}` });
    expect(bound).toEqual([{ thread: delivered!.thread, reportDate: '2026-02-11' }]);
    expect(told).toEqual([]);
  });

  it('a command declared private, an error and an admin refusal go to the asker alone', async () => {
    const chat = new FakeChatAdapter();
    const { deps } = doorDeps(chat);
    const { reply, told, begun } = asker();
    await answerCommand(reply, typed('help'), discord, deps);
    await answerCommand(reply, typed('trends weak'), discord, deps);
    await answerCommand(reply, { command: findCommand('subscribe')!, values: { time: '07:30' }, userId: 'U2', isAdmin: false }, discord, deps);
    expect(chat.calls).toEqual([]);
    expect(begun).toEqual([findCommand('help')!.answer, findCommand('trends')!.answer, findCommand('subscribe')!.answer]);
    expect(told[0]).toMatch(/Commands/);
    expect(told[1]).toMatch(/Did you mean "week"/);
    expect(told[2]).toMatch(/only admins can use \/subscribe/);
  });

  it('looks up who is an admin only for an admin command; a lookup that fails is told in the platform\'s words and nothing is stored', async () => {
    const chat = new FakeChatAdapter();
    const { deps } = doorDeps(chat);
    const { reply, told } = asker();
    let lookups = 0;
    const failing = async () => {
      lookups++;
      throw new ChatError('slack', 'permanent', 'user_not_found', 'Slack refused: user_not_found');
    };
    await answerCommand(reply, typed('trends today', { isAdmin: failing }), slack, deps);
    expect(lookups).toBe(0);
    await answerCommand(reply, typed('subscribe 07:30', { isAdmin: failing }), slack, deps);
    expect(lookups).toBe(1);
    expect(told).toEqual([expect.stringMatching(/could not check whether you are a workspace admin \(Slack said user_not_found\)\. Try again in a minute\./)]);
    expect(await h.store.subscriptions.get('slack:C1')).toBeUndefined();
  });

  it('while the bot stops, every platform refuses the same way, before acknowledging or running anything', async () => {
    for (const channel of [discord, slack, { ...discord, platform: 'console' as const }]) {
      const chat = new FakeChatAdapter();
      const { deps } = doorDeps(chat);
      await deps.inFlight!.drain(0);
      const { reply, told, begun } = asker();
      expect(await answerCommand(reply, typed('trends'), channel, deps)).toBeUndefined();
      expect(told).toEqual([renderTextReply(RESTARTING, { width: 1000 })]);
      expect(begun).toEqual([]);
      expect(chat.calls).toEqual([]);
    }
  });

  it('an answer a stop cuts tells the asker it stopped', async () => {
    const chat = new FakeChatAdapter();
    const never: CommandServices['reports'] = { get: () => new Promise(() => undefined) };
    const { deps } = doorDeps(chat, { services: { reports: never, store: h.store } });
    const { reply, told } = asker();
    void answerCommand(reply, typed('trends'), discord, deps);
    expect(await deps.inFlight!.drain(50)).toBe(1);
    expect(told).toEqual([renderTextReply(CUT_BY_RESTART, { width: 1000 })]);
    expect(chat.calls).toEqual([]);
  });

  it('a post refused for good is told with what to do; a platform outage as a problem of that platform; both logged', async () => {
    const { reply, told } = asker();
    const refused = new FakeChatAdapter();
    refused.failNext('post');
    const first = doorDeps(refused);
    await answerCommand(reply, typed('trends today'), discord, first.deps);
    const down = new FakeChatAdapter();
    down.failNext('post', new ChatError('slack', 'retryable', 'server_error', 'Slack call failed: 503'));
    const second = doorDeps(down);
    await answerCommand(reply, typed('trends today'), slack, second.deps);
    expect(told).toEqual([expect.stringMatching(/^.*I could not post the answer here: Missing Permissions\.$/m), expect.stringMatching(/Slack had a problem while I was answering\. Please try again in a minute\./)]);
    expect(first.lines().find((l) => /could not post the answer to \/trends/.test(String(l.msg)))).toMatchObject({ platform: 'discord', code: 'missing_permissions' });
    expect(second.lines().find((l) => /could not post the answer to \/trends/.test(String(l.msg)))).toMatchObject({ platform: 'slack', code: 'server_error' });
  });

  it('a thread that cannot be opened: the report stays in the channel and the asker learns why there are no follow-ups', async () => {
    const chat = new FakeChatAdapter();
    chat.failNext('thread', new ChatError('discord', 'permanent', 'missing_permissions', 'Discord refused: Missing Permissions (50013)', 'Give the bot the Create Public Threads permission in this channel.'));
    const { deps, bound } = doorDeps(chat);
    const { reply, told } = asker();
    const delivered = await answerCommand(reply, typed('trends today'), discord, deps);
    expect(chat.channelPosts('C1')).toHaveLength(1);
    expect(delivered?.thread).toBeUndefined();
    expect(bound).toEqual([]);
    expect(told).toEqual([expect.stringMatching(/The report is above, but I could not open a thread for questions: Discord refused: Missing Permissions \(50013\)\. Give the bot the Create Public Threads permission/)]);
  });

  it('a command that can no longer be acknowledged (too late) runs nothing and is logged', async () => {
    const chat = new FakeChatAdapter();
    let asked = 0;
    const counting: CommandServices['reports'] = { get: (options) => (asked++, h.reports.get(options)) };
    const { deps, lines } = doorDeps(chat, { services: { reports: counting, store: h.store } });
    const { reply, told } = asker({ failBegin: true });
    expect(await answerCommand(reply, typed('trends'), discord, deps)).toBeUndefined();
    expect([asked, told, chat.calls]).toEqual([0, [], []]);
    expect(lines().some((l) => l.msg === 'discord: could not acknowledge the command')).toBe(true);
  });

  it('today\'s "being built" note goes where the platform shows interim notes, else to the asker alone', async () => {
    for (const shown of [true, false]) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const slow: CommandServices['reports'] = {
        get: async (options) => (await released, h.reports.get(options)),
        progress: async () => ({ done: 3, planned: 7, rung: 'feeds', startedAt: SAMPLE_NOW.toISOString(), updatedAt: SAMPLE_NOW.toISOString() }),
      };
      const chat = new FakeChatAdapter();
      const { deps } = doorDeps(chat, { services: { reports: slow, store: h.store } });
      const { reply, told, interims } = asker({ interim: shown });
      const answered = answerCommand(reply, typed('trends'), discord, deps);
      await new Promise((resolve) => setTimeout(resolve, 700));
      release();
      await answered;
      expect(shown ? interims : told).toEqual([expect.stringMatching(/Today's report is being collected from Reddit's public feeds \(3\/7 requests/)]);
      expect(shown ? told : interims).toEqual([]);
      expect(chat.channelPosts('C1')).toHaveLength(1);
    }
  });
});
