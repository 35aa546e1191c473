import { heading, paragraph, type Reply } from '../src/reply/reply.js';
import { reportSections, sectionDescriptions } from '../src/reply/report.js';
import { fail, spelled, type Command, type CommandContext, type ParseResult } from './command.js';
import { quoteInput } from '../src/text/quote.js';

// `/help`: every command with its usage, from the same metadata the adapters register.

export type HelpOptions = Record<string, never>;

/** `commands` is read when help runs, so the registry can include help itself. */
export function createHelpCommand(commands: () => readonly Command[]): Command<HelpOptions> {
  return {
    name: 'help',
    description: 'List the commands and how to use them',
    usage: '/help',
    adminOnly: false,
    answer: { private: true, slow: false },
    options: [],
    parse(tokens: string[]): ParseResult<HelpOptions> {
      if (tokens.length > 0) return fail(`/help takes no options (got "${quoteInput(tokens.join(' '))}").`);
      return { ok: true, options: {} };
    },
    async run(_options: HelpOptions, context: CommandContext): Promise<Reply> {
      // Usage lines name the command as it is typed here (`/trends-subscribe`, `/trends subscribe`…).
      const usage = (c: Command) => `${spelled(context, c.name)}${c.usage.slice(`/${c.name}`.length)}`;
      return {
        blocks: [
          heading('Commands', 2),
          ...commands().map((c) => paragraph({ text: usage(c), strong: true }, ` - ${c.description}`)),
          heading('/trends sections', 3),
          ...reportSections.map((s) => paragraph({ text: s, strong: true }, ` - ${sectionDescriptions[s]}`)),
          paragraph(`Options may come in any order, e.g. /trends week 2026-02-10 LocalLLaMA or ${spelled(context, 'subscribe')} 07:30 Europe/Berlin summary,week.`),
          paragraph(
            context.target.platform === 'console'
              ? "Type a question at the prompt to get an answer grounded in the report's posts."
              : 'Ask a question in the thread under a report to get an answer grounded in its posts.',
          ),
        ],
        private: true,
      };
    },
  };
}
