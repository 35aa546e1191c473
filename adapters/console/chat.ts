import type { ChartData } from '../../src/analysis/chart-data.js';
import type { ChatAdapter, MessageRef } from '../../src/chat/adapter.js';
import { renderChartText } from '../../src/render/chart-text.js';
import { channelOf, inThread, type ChatTarget, type ThreadTarget } from '../../src/chat/target.js';
import { targetLimits } from '../../src/render/limits.js';
import { renderTextReply } from '../../src/render/text.js';
import type { Reply } from '../../src/reply/reply.js';

// The terminal as a chat platform: a message is text printed once (nothing can be edited), a thread is
// a conversation the terminal keeps track of, and whatever is private is still printed (one reader).

export class ConsoleChat implements ChatAdapter<string> {
  readonly platform = 'console' as const;
  readonly limits = targetLimits.console;
  private printed = 0;
  private threads = 0;

  constructor(
    private readonly output: NodeJS.WritableStream,
    /** Makes thread ids unique across runs sharing one store. */
    private readonly sessionId: string,
    private readonly width?: number,
  ) {}

  render(reply: Reply): string[] {
    return [renderTextReply(reply, { width: this.width }) + '\n'];
  }

  /** The chart as Unicode sparklines or bars (at most 80 columns), under the reply's title. */
  withChart(message: string, chart: ChartData): string {
    const cut = message.indexOf('\n\n');
    const chartText = `${renderChartText(chart)}\n\n`;
    return cut < 0 ? message + chartText : message.slice(0, cut + 2) + chartText + message.slice(cut + 2);
  }

  draft(text: string): string {
    return `${text}\n`;
  }

  async post(target: ChatTarget, message: string): Promise<MessageRef> {
    this.output.write(message);
    return { target, messageId: String(++this.printed) };
  }

  async edit(): Promise<void> {
    // limits.canEdit is false: deliver and stream never ask.
  }

  async openThread(ref: MessageRef): Promise<ThreadTarget> {
    return inThread(channelOf(ref.target), `${this.sessionId}-${++this.threads}`);
  }

  async postPrivate(target: ChatTarget, _userId: string, message: string): Promise<void> {
    await this.post(target, message);
  }
}
