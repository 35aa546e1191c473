import type { BindReportThread } from '../../src/chat/deliver.js';
import type { FollowUpAnswer, FollowUpQuestion } from '../../src/followup/follow-ups.js';

// What the terminal needs from the follow-up service: bind a thread to a report, answer a question in
// it. `FollowUps` (src/followup/) has this shape; tests pass a fake.

export interface ThreadAnswerer {
  bindReportThread: BindReportThread;
  answer(question: FollowUpQuestion): Promise<Pick<FollowUpAnswer, 'reply'>>;
}
