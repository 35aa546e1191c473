import type { Reply } from '../../src/reply.js';
import type { Platform } from '../../src/store/records.js';

// What the terminal needs from the follow-up service: bind a thread to a report, answer a question in
// it. `FollowUps` (src/followup/) has this shape; tests pass a fake.

export interface ThreadRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadId: string;
}

export interface ThreadQuestion extends ThreadRef {
  userId: string;
  text: string;
}

export interface ThreadAnswerer {
  bindThread(binding: ThreadRef & { reportDate: string }): unknown;
  answer(question: ThreadQuestion): Promise<{ reply: Reply }>;
}
