import type { CommandServices } from '../../commands/index.js';
import type { InFlight } from '../../src/chat/in-flight.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import type { SlackChat } from './chat.js';

// What the Slack listeners share: the chat port, the core's services, and the work in flight.

export interface SlackDeps {
  chat: SlackChat;
  services: CommandServices;
  followUps: FollowUps;
  /** The instant commands run at (the sample's fixed day without Reddit credentials). */
  clock: () => Date;
  log: Logger;
  /** The bot's own user id once known (its mention is not part of a question). */
  botUserId: () => string | undefined;
  /** Admins beyond workspace owners and admins (SLACK_ADMIN_USER_IDS). */
  adminUserIds?: readonly string[];
  /** Overrides Slack's edit pacing (tests). */
  editIntervalMs?: number;
  inFlight: InFlight;
  /** The shared store: its claims make two processes answer a question once. */
  store: Store;
}
