import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { DailyReports } from '../../src/report/daily.js';
import { sampleSource } from '../../src/report/source.js';
import { startMorningPosts } from '../../src/schedule/scheduler.js';
import type { Store } from '../../src/store/store.js';
import { FakeChatAdapter } from '../chat/fake-chat-adapter.js';
import { openTempStore } from '../helpers/store.js';
import { subscribeChannels } from '../helpers/morning.js';

// The running scheduler: a pass at start catches up on what a restart missed; a stop ends it.

let store: Store;
beforeEach(async () => {
  store = await openTempStore('sample');
});
afterEach(() => store.close());

describe('startMorningPosts', () => {
  it('catches up at start: a post due an hour ago (within the grace) goes out at once, then stop ends it', async () => {
    const now = new Date('2026-02-11T09:00:00Z');
    await subscribeChannels(store, 'discord', 'G1', ['C1']);
    const chat = new FakeChatAdapter();
    const running = startMorningPosts(
      {
        store,
        reports: new DailyReports(store, sampleSource()),
        chats: { discord: chat },
        bindThread: async () => undefined,
        settings: { graceMs: 6 * 3_600_000, prepareMs: 0, concurrency: 2, claimTtlMs: 60_000 },
        owner: 'test',
        log: createLogger('silent'),
      },
      () => now,
    );
    for (let i = 0; i < 200 && !(await store.deliveries.get('discord:C1:2026-02-11'))?.state?.startsWith('done'); i++) await new Promise((r) => setTimeout(r, 10));
    await running.stop(1_000);
    expect(chat.channelPosts('C1')).toHaveLength(1);
    expect(await store.deliveries.get('discord:C1:2026-02-11')).toMatchObject({ state: 'done' });
  });
});
