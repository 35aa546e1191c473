import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { subscribeChannels } from '../helpers/morning.js';
import { runBin, spawnBin, tempStoreUrl, type RunningBin } from '../helpers/run-cli.js';

// `ai-trends deliver` SIGKILLed between a morning post and its thread (Discord is slow to open the
// thread): the next run finds the marked post instead of posting again, and must also open and bind
// the thread, or questions asked under that morning post go unanswered all day.

const NOW = '2026-02-11T08:05:00Z';
let discord: FakeDiscord | undefined;
let killed: RunningBin | undefined;
afterEach(async () => {
  killed?.child.kill('SIGKILL');
  await discord?.close();
  discord = killed = undefined;
});

describe('a morning post recovered after a SIGKILL', () => {
  it('gets its thread, bound to the report, and is not posted again', async () => {
    discord = await startFakeDiscord();
    const storeUrl = tempStoreUrl();
    const seeding = await openStore(storeUrl, 'sample');
    await subscribeChannels(seeding, 'discord', discord.guildId, [discord.channelId], { sections: ['summary', 'week'] });
    await seeding.close();
    const env = { STORE_URL: storeUrl, DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_BASE: discord.apiBase, DELIVERY_CLAIM_SECONDS: '1', LOG_LEVEL: 'info' };
    const botPosts = () => discord!.messages(discord!.channelId).filter((m) => m.author.id === discord!.botUser.id);

    // The first run posts, then waits on the thread (the fake holds that request), and is killed there.
    discord.failNext({ method: 'POST', path: /\/messages\/\d+\/threads$/ }, { status: 500, delayMs: 60_000 });
    killed = spawnBin(['deliver', '--now', NOW], env);
    for (let i = 0; i < 400 && botPosts().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(botPosts()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    killed.child.kill('SIGKILL');
    await killed.exited;
    const head = botPosts()[0]!;
    expect(head.thread_id).toBeUndefined();

    await new Promise((r) => setTimeout(r, 1_100)); // the killed run's claim (1 s) runs out
    const again = await runBin(['deliver', '--now', NOW], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/"outcome":"recovered"/);
    expect(botPosts()).toHaveLength(1);
    // The thread hangs from the recovered post (a Discord thread has its start message's id), bound to the day.
    expect(discord.channel(head.id)).toBeDefined();
    const store = await openStore(storeUrl, 'sample');
    try {
      expect(await store.deliveries.get(`discord:${discord.channelId}:2026-02-11`)).toMatchObject({ state: 'done', recovered: true, threadId: head.id });
      expect(await store.threads.get(`discord:${discord.channelId}:${head.id}`)).toMatchObject({ reportDate: '2026-02-11' });
    } finally {
      await store.close();
    }
  }, 60_000);
});
