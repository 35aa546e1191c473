import type { ChartData } from '../analysis/chart-data.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Report } from '../models.js';
import { morningReply, SUMMARY_HIGHLIGHTS } from '../reply/report.js';
import type { Reply } from '../reply.js';
import type { ReportSection } from '../store/records.js';

// A channel's morning post as one message wherever the platform allows it. The summary (today's top 5 and
// the highlights) is a brief: on Discord, whose messages hold 2,000 characters, its last highlights would
// spill into a second message, posted in the thread (a third request per channel, and a post that stops
// mid-list). Instead the post keeps as many highlights as fit and says how many more /trends analysis has.
// Every channel with the same sections gets the same post: a pass works each one out once per platform.

/** The morning Reply for `sections` on `chat`: every highlight, or as many as keep it to one message. */
export function fittedMorningReply(chat: ChatAdapter, report: Report, sections: readonly ReportSection[], chart?: ChartData | null): Reply {
  const whole = morningReply(report, sections, chart);
  const summaryOnly = sections.length === 0 || (sections.length === 1 && sections[0] === 'summary');
  if (!summaryOnly || !report.analysis || chat.render(whole).length <= 1) return whole;
  // At least one highlight stays: with none the summary would say nothing of the analysis.
  for (let highlights = SUMMARY_HIGHLIGHTS - 1; highlights >= 1; highlights--) {
    const shorter = morningReply(report, sections, chart, { highlights });
    if (chat.render(shorter).length <= 1) return shorter;
  }
  return whole;
}

/** Morning Replies of one pass, worked out once per platform, report and sections (every channel shares them). */
export class MorningReplies {
  private readonly replies = new Map<string, Reply>();

  get(chat: ChatAdapter, report: Report, sections: readonly ReportSection[], chart?: ChartData | null): Reply {
    const key = `${chat.platform} ${report.date} ${report.generatedAt} ${chart ? 'chart' : 'no chart'} ${sections.join(',')}`;
    let reply = this.replies.get(key);
    if (!reply) {
      reply = fittedMorningReply(chat, report, sections, chart);
      this.replies.set(key, reply);
    }
    return reply;
  }
}
