import type { DiscordBot } from '../../adapters/discord/bot.js';
import type { FollowUps } from '../../src/followup/index.js';
import { loadSample } from '../../src/sample/sample.js';
import type { PassDeps } from '../../src/schedule/pass.js';
import type { Platform } from '../../src/chat/target.js';
import type { Subscription } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';
import type { FakeDiscord } from '../fakes/discord/index.js';
import type { FakeSlack } from '../fakes/slack/web-api.js';

// For the delivery tests and the bench: subscriptions stored as /subscribe stores them (by default at
// 08:00 UTC with the summary, made at the start of the sample day, 2026-02-11), a pass's wiring, and the
// teardown of what a morning test started. No vitest here: the benches import this file too.

export async function subscribeChannels(store: Store, platform: Platform, workspaceId: string, channelIds: readonly string[], fields: Partial<Omit<Subscription, 'target'>> = {}): Promise<void> {
  for (const channelId of channelIds) {
    await store.subscriptions.set(`${platform}:${channelId}`, {
      target: { platform, workspaceId, channelId },
      time: '08:00',
      timezone: 'UTC',
      sections: ['summary'],
      createdBy: 'U1',
      createdAt: '2026-02-11T00:00:00Z',
      ...fields,
    });
  }
}

/** A pass's dependencies as `npm start` wires them, on the sample's report, with the default settings. */
export function samplePassDeps(parts: Pick<PassDeps, 'store' | 'reports' | 'chats' | 'log'> & { followUps: FollowUps; owner?: string }): PassDeps {
  return {
    store: parts.store,
    reports: parts.reports,
    chats: parts.chats,
    bindThread: parts.followUps.bindReportThread,
    settings: { graceMs: 6 * 3_600_000, prepareMs: 0, concurrency: 8, claimTtlMs: 600_000 },
    owner: parts.owner ?? 'test',
    log: parts.log,
    reportNow: () => loadSample().now,
  };
}

/** What a morning-post test starts and must stop after it: the fakes, the Discord bot and the store. */
export interface MorningRig {
  discord?: FakeDiscord;
  slack?: FakeSlack;
  bot?: DiscordBot;
  store?: Store;
}

/** For afterEach: stops the bot, closes the fakes and the store (each only if the test started it), and forgets them. */
export async function stopMorning(rig: MorningRig): Promise<void> {
  await rig.bot?.stop(0);
  await rig.discord?.close();
  await rig.slack?.close();
  await rig.store?.close();
  rig.discord = rig.slack = rig.bot = rig.store = undefined;
}
