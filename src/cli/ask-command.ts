import { checkDay } from '../time/day.js';
import { describeUsage } from '../llm/usage.js';
import type { App } from '../main.js';
import type { Report } from '../models.js';
import { renderTextReply } from '../render/text.js';
import { sampleNow } from '../sample/sample.js';
import { AnswerView, type TerminalStream } from './answer-view.js';
import { UsageError } from './args.js';
import type { CliContext } from './context.js';
import { openLiveOrSample } from './open-app.js';
import { parseCommand, usageLine, type CommandSpec } from './spec.js';

export const askSpec = {
  name: 'ask',
  summary: 'Answer one question about a report from its posts, as in its thread.',
  args: '"question"',
  options: [
    { name: 'date', type: 'string', value: 'YYYY-MM-DD', description: "the stored report of that day (default: today's, built if needed)" },
    { name: 'sample', type: 'boolean', description: 'ask about the bundled sample day (2026-02-11): no network, no keys' },
  ],
  notes: ['Written by Claude or your OpenAI-compatible model when one is set (README "Configuration"), else the most relevant posts are listed.', 'Example: ai-trends ask --sample "what did people say about Seedance?"'],
} as const satisfies CommandSpec;

/**
 * `ai-trends ask`: one follow-up answer about a report, in plain text, for scripts and a quick look. On a
 * terminal it shows progress while the model reads and the answer as it is written (answer-view.ts).
 * It runs in a thread of its own that is forgotten afterwards; limits and budget apply as in chat
 * (as the user "cli" of the console platform).
 */
export async function askCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommand(askSpec, args);
  const question = positionals.join(' ').trim();
  if (!question) throw new UsageError(`what is the question? Usage: ${usageLine(askSpec)}`);
  if (values.date !== undefined && !checkDay(values.date).ok) throw new UsageError(`--date must be a day such as 2026-02-11 (got "${values.date}")`);

  const { app, sample } = await openLiveOrSample(context, values.sample);
  try {
    const report = await findReport(app, values.date, sample ? sampleNow() : context.clock());
    const target = { platform: 'console' as const, workspaceId: 'cli', channelId: 'cli', threadId: `ask:${context.clock().toISOString()}:${process.pid}` };
    await app.followUps.bindThread({ target, reportDate: report.date });
    try {
      // On a terminal, progress and the answer as it is written (stderr); the grounded reply replaces them (stdout).
      const view = new AnswerView(context.stderr as TerminalStream);
      const streamed = app.followUps.answerStream({ target, userId: 'cli', text: question }, (event) => view.progress(event));
      for await (const delta of streamed.text) view.text(delta);
      const answer = await streamed.done;
      view.finish();
      context.stdout.write(renderTextReply(answer.reply));
      const model = app.followUps.model;
      if (answer.usage) context.stderr.write(`answered by ${model ?? 'a model'} from the ${report.date} report: ${describeUsage(answer.usage, model)}\n`);
      else if (answer.source === 'offline' && !model) context.stderr.write(`offline answer from the ${report.date} report (set ANTHROPIC_API_KEY or OPENAI_BASE_URL for written answers)\n`);
      return answer.source === 'refused' ? 1 : 0;
    } finally {
      await app.followUps.unbindThread(target);
    }
  } finally {
    await app.close();
  }
}

async function findReport(app: App, date: string | undefined, now: Date): Promise<Report> {
  if (date === undefined) return (await app.reports.get({ now })).report;
  const stored = await app.store.reports.get(date);
  if (!stored) throw new UsageError(`there is no stored report for ${date}; reports are stored when built (ai-trends report${app.sample ? ' --sample' : ''})`);
  return stored;
}
