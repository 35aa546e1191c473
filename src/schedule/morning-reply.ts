import { reportKey } from '../report/view.js';
import type { ChartData } from '../analysis/chart-data.js';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Report } from '../models.js';
import { morningReply } from '../reply/report.js';
import type { Reply } from '../reply/reply.js';
import type { ReportSection } from '../store/records.js';

// A channel's morning post, one Reply object per platform, report and sections in a pass: every channel
// with the same sections gets the same post, and deliver renders a Reply once per platform (deliver.ts).
// The summary carries its shorter versions (one highlight fewer each, reply/report.ts): deliver posts the
// first that fits one message, so on Discord (2,000 characters) no highlight spills into the thread.

/** Morning Replies of one pass, worked out once per platform, report and sections (every channel shares them). */
export class MorningReplies {
  private readonly replies = new Map<string, Reply>();

  /** `publicUrl`: PUBLIC_URL, whose page of the day each post ends with a link to. */
  constructor(private readonly publicUrl?: string) {}

  get(chat: ChatAdapter, report: Report, sections: readonly ReportSection[], chart?: ChartData | null): Reply {
    const key = `${chat.platform} ${reportKey(report)} ${report.generatedAt} ${chart ? 'chart' : 'no chart'} ${sections.join(',')}`;
    let reply = this.replies.get(key);
    if (!reply) {
      reply = morningReply(report, sections, chart, this.publicUrl);
      this.replies.set(key, reply);
    }
    return reply;
  }
}
