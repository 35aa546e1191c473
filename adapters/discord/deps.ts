import type { CommandServices } from '../../commands/index.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import type { InFlight } from '../../src/chat/in-flight.js';
import type { Store } from '../../src/store/store.js';
import type { DiscordChat } from './chat.js';

// What the Discord listeners share: the chat port, the core's services, and the work in flight.

export interface DiscordDeps {
  chat: DiscordChat;
  services: CommandServices;
  followUps: FollowUps;
  /** The instant commands run at (the sample's fixed day without Reddit credentials). */
  clock: () => Date;
  log: Logger;
  /** Whether the MessageContent intent is on: without it, only messages that mention the bot are read. */
  messageContent: boolean;
  /** Overrides Discord's edit pacing (tests and the bench). */
  editIntervalMs?: number;
  inFlight: InFlight;
  /** The shared store: its claims make two processes answer a question once. */
  store: Store;
}
