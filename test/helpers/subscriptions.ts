import type { Platform, Subscription } from '../../src/store/records.js';
import type { Store } from '../../src/store/store.js';

// Morning-post subscriptions stored as /subscribe stores them, for the delivery tests and the bench:
// by default at 08:00 UTC with the summary, made at the start of the sample day (2026-02-11).

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
