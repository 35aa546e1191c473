// Where a message goes or comes from, on any platform: the one identity that commands, follow-ups,
// subscriptions and the delivery ledger share. Ids are the platform's own and unique only within it;
// a thread id is unique only within its channel (a Slack `ts`), so every key includes the channel.

/** Every platform a chat record can belong to. */
export const platforms = ['discord', 'slack', 'console'] as const;

/** Which platform a chat record belongs to; ids are only unique within one. */
export type Platform = (typeof platforms)[number];

export interface ChatTarget {
  platform: Platform;
  /** Discord guild, Slack workspace (team); 'dm' or 'local' where there is none. */
  workspaceId: string;
  /** The channel (for a Discord thread: its parent channel). */
  channelId: string;
  /** A thread under a message: Discord's thread channel id, Slack's parent `ts`. */
  threadId?: string;
}

export type ThreadTarget = ChatTarget & { threadId: string };

/** `discord:C1`: one channel, whatever thread. */
export function channelKey(target: ChatTarget): string {
  return `${target.platform}:${target.channelId}`;
}

/** `slack:C1:1760000000.000100`: one thread, unique across channels and platforms. */
export function threadKey(target: ThreadTarget): string {
  return `${target.platform}:${target.channelId}:${target.threadId}`;
}

/** The channel of `target`, without its thread. */
export function channelOf(target: ChatTarget): ChatTarget {
  return { platform: target.platform, workspaceId: target.workspaceId, channelId: target.channelId };
}

export function inThread(target: ChatTarget, threadId: string): ThreadTarget {
  return { ...channelOf(target), threadId };
}
