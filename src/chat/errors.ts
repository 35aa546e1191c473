import type { Platform } from './target.js';

// A failure to post, edit or open a thread, in words every caller understands whatever the platform:
// retryable (rate limited, the platform's 5xx, the network) or permanent (no permission, channel gone,
// bot removed). Adapters classify their SDK's errors into this; the scheduler and the commands read it.

export type ChatErrorKind = 'retryable' | 'permanent';

export class ChatError extends Error {
  override name = 'ChatError';

  constructor(
    readonly platform: Platform,
    readonly kind: ChatErrorKind,
    /** A stable code: 'missing_permissions', 'channel_not_found', 'not_in_channel', 'rate_limited', 'server_error', 'network'… */
    readonly code: string,
    message: string,
    /** What the user or operator can do about it, when there is something. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get permanent(): boolean {
    return this.kind === 'permanent';
  }
}

export function isChatError(error: unknown): error is ChatError {
  return error instanceof ChatError;
}
