import type { CommandServices } from '../../commands/index.js';
import type { FollowUps } from '../../src/followup/index.js';
import type { Logger } from '../../src/log.js';
import type { DiscordChat } from './chat.js';

// What the Discord event handlers share: the chat port, the core's services, and the answers in flight
// (so a shutdown can let them finish, or end them with a note).

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
}

/** Work that a shutdown waits for, with what to say where if it has to be cut. */
export class InFlight {
  private readonly running = new Map<Promise<unknown>, { onCut?: () => Promise<unknown> }>();
  private closing = false;

  get accepting(): boolean {
    return !this.closing;
  }

  track<T>(work: Promise<T>, onCut?: () => Promise<unknown>): Promise<T> {
    this.running.set(work, { onCut });
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  /** Stops taking work, waits up to `graceMs` for what runs, then says so where it was cut. */
  async drain(graceMs: number): Promise<number> {
    this.closing = true;
    const pending = [...this.running.keys()];
    const timedOut = await Promise.race([Promise.allSettled(pending).then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref())]);
    if (!timedOut) return 0;
    const cut = [...this.running.values()];
    await Promise.allSettled(cut.map((entry) => entry.onCut?.()));
    return cut.length;
  }
}
