import { createInterface } from 'node:readline';
import { answerCommand, type PlatformReply } from '../../commands/answer-command.js';
import { splitCommandLine, type CommandServices } from '../../commands/index.js';
import { deliver, type Delivered } from '../../src/chat/deliver.js';
import type { ChatTarget, ThreadTarget } from '../../src/chat/target.js';
import { note, type Reply } from '../../src/reply/reply.js';
import type { ThreadAnswerer } from './answerer.js';
import { ConsoleChat } from './chat.js';

// The terminal as a chat channel: the morning post first, then commands typed as in Discord or Slack
// ("/trends week") and any other line as a follow-up question in the current report's thread. The same
// commands, the same chat port (deliver) as the platforms; only the text rendering is the terminal's.

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Read commands after the morning post. False for scripts and CI: print the post and return. */
  interactive: boolean;
  /** The instant commands run at: the sample's fixed `now` without Reddit credentials, the wall clock otherwise. */
  clock: () => Date;
  services: CommandServices;
  /** Answers follow-up questions; without one, questions get a note saying so. */
  answerer?: ThreadAnswerer;
  /** Makes thread ids unique across runs sharing one store. */
  sessionId: string;
  width?: number;
}

/** Who the terminal user is to the commands: alone in their own channel, and its admin. */
const channel: ChatTarget = { platform: 'console', workspaceId: 'local', channelId: 'terminal' };
const userId = 'you';

const hint = 'Type /help for commands, /trends week (or another section), any other line to ask about this report, /quit to leave.';

export async function runConsole(options: ConsoleOptions): Promise<number> {
  const session = new ConsoleSession(options);
  const morning = await session.command('/trends');
  if (!options.interactive) return morning?.thread ? 0 : 1;
  await session.print({ blocks: [note(hint)] });
  return session.readLoop();
}

class ConsoleSession {
  private readonly chat: ConsoleChat;
  private thread: ThreadTarget | undefined;

  constructor(private readonly options: ConsoleOptions) {
    this.chat = new ConsoleChat(options.output, options.sessionId, options.width);
  }

  async print(reply: Reply): Promise<void> {
    await deliver(this.chat, this.thread ?? channel, reply);
  }

  /** Runs a typed command and prints its answer; an answer that opens a thread makes it the current one. */
  async command(line: string): Promise<Delivered | undefined> {
    // Everything is printed: the terminal has one reader, so "for the asker alone" is the same text.
    const printed: PlatformReply<string> = { privately: (reply) => this.print(reply) };
    const { clock, services, answerer } = this.options;
    const delivered = await answerCommand(printed, { ...splitCommandLine(line), userId, isAdmin: true }, channel, { chat: this.chat, services, clock, bindThread: answerer?.bindReportThread });
    if (delivered?.thread) this.thread = delivered.thread;
    return delivered;
  }

  async readLoop(): Promise<number> {
    const input = this.options.input as NodeJS.ReadableStream & { isTTY?: boolean };
    const lines = createInterface({ input, output: this.options.output, terminal: input.isTTY === true });
    // Ctrl-C leaves like /quit; without a listener readline would only pause the input.
    lines.on('SIGINT', () => lines.close());
    lines.setPrompt('> ');
    lines.prompt();
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line.startsWith('/')) await this.command(line);
      else if (line !== '') await this.ask(line);
      lines.prompt();
    }
    lines.close();
    return 0;
  }

  private async ask(text: string): Promise<void> {
    const { answerer } = this.options;
    if (!answerer) return this.print({ blocks: [note('Follow-up answers are not available in this build; the commands work (/help).')] });
    if (!this.thread) return this.print({ blocks: [note('There is no report thread to ask in yet: /trends opens one.', 'warning')] });
    try {
      const { reply } = await answerer.answer({ target: this.thread, userId, text });
      await this.print(reply);
    } catch (error) {
      // The answerer has its own offline fallback; reaching here is a bug or a broken store, not a reason to quit.
      await this.print({ blocks: [note(`Could not answer: ${error instanceof Error ? error.message : String(error)}`, 'error')] });
    }
  }
}
