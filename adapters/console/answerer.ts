import type { FollowUpAnswer, FollowUpQuestion } from '../../src/followup/follow-ups.js';
import type { BindThread } from '../../src/followup/threads.js';

// What the terminal needs from the follow-up service: bind a thread to a report, answer a question in
// it. `FollowUps` (src/followup/) has this shape; tests pass a fake.

export interface ThreadAnswerer {
  bindThread(binding: BindThread): unknown;
  answer(question: FollowUpQuestion): Promise<Pick<FollowUpAnswer, 'reply'>>;
}
