import { createInterface } from 'node:readline';
import { runCommandLine, type CommandContext, type CommandServices } from '../../commands/index.js';
import { renderTextReply } from '../../src/render/text.js';
import { note, type Reply } from '../../src/reply.js';
import type { ThreadAnswerer, ThreadRef } from './answerer.js';

// The terminal as a chat channel: the morning post first, then commands typed as in Discord or Slack
// ("/trends week") and any other line as a follow-up question in the current report's thread. The same
// commands and renderer-free replies as the platforms; only the text rendering is the terminal's.

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
const identity = { platform: 'console', workspaceId: 'local', channelId: 'terminal', userId: 'you' } as const;

const hint = 'Type /help for commands, /trends week (or another section), any other line to ask about this report, /quit to leave.';

export async function runConsole(options: ConsoleOptions): Promise<number> {
  const session = new ConsoleSession(options);
  const morning = await session.command('/trends');
  if (!options.interactive) return morning.openThread ? 0 : 1;
  session.print({ blocks: [note(hint)] });
  return session.readLoop();
}

class ConsoleSession {
  private threadCount = 0;
  private thread: (ThreadRef & { reportDate: string }) | undefined;

  constructor(private readonly options: ConsoleOptions) {}

  print(reply: Reply): void {
    this.options.output.write(renderTextReply(reply, { width: this.options.width }) + '\n');
  }

  /** Runs a typed command, prints its reply, and follows the reply into a new thread when it opens one. */
  async command(line: string): Promise<Reply> {
    const context: CommandContext = { ...identity, isAdmin: true, now: this.options.clock(), services: this.options.services };
    const reply = await runCommandLine(line, context);
    this.print(reply);
    if (reply.openThread) await this.openThread(reply.openThread.reportDate);
    return reply;
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

  private async openThread(reportDate: string): Promise<void> {
    this.threadCount += 1;
    const thread = { platform: identity.platform, workspaceId: identity.workspaceId, channelId: identity.channelId, threadId: `${this.options.sessionId}-${this.threadCount}`, reportDate };
    await this.options.answerer?.bindThread(thread);
    this.thread = thread;
  }

  private async ask(text: string): Promise<void> {
    const { answerer } = this.options;
    if (!answerer) return this.print({ blocks: [note('Follow-up answers are not available in this build; the commands work (/help).')] });
    if (!this.thread) return this.print({ blocks: [note('There is no report thread to ask in yet: /trends opens one.', 'warning')] });
    try {
      const { reply } = await answerer.answer({ ...identity, threadId: this.thread.threadId, text });
      this.print(reply);
    } catch (error) {
      // The answerer has its own offline fallback; reaching here is a bug or a broken store, not a reason to quit.
      this.print({ blocks: [note(`Could not answer: ${error instanceof Error ? error.message : String(error)}`, 'error')] });
    }
  }
}
